package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;

class InstallationApiOnPostgresTest extends InstallationApiContract {
    @Override
    TestServer.Db db() {
        return TestServer.Db.POSTGRES;
    }
}
