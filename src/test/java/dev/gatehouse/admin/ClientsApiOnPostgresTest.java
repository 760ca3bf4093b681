package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;

class ClientsApiOnPostgresTest extends ClientsApiContract {
    @Override
    TestServer.Db db() {
        return TestServer.Db.POSTGRES;
    }
}
