package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;

class SecretsApiOnPostgresTest extends SecretsApiContract {
    @Override
    TestServer.Db db() {
        return TestServer.Db.POSTGRES;
    }
}
