package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;

class UsersApiOnPostgresTest extends UsersApiContract {
    @Override
    TestServer.Db db() {
        return TestServer.Db.POSTGRES;
    }
}
