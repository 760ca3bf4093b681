package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;

class UsersApiOnH2Test extends UsersApiContract {
    @Override
    TestServer.Db db() {
        return TestServer.Db.H2;
    }
}
