package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;

class ClientsApiOnH2Test extends ClientsApiContract {
    @Override
    TestServer.Db db() {
        return TestServer.Db.H2;
    }
}
