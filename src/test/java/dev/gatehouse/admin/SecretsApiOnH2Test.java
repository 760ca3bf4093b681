package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;

class SecretsApiOnH2Test extends SecretsApiContract {
    @Override
    TestServer.Db db() {
        return TestServer.Db.H2;
    }
}
