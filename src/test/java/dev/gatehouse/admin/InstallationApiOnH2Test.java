package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;

class InstallationApiOnH2Test extends InstallationApiContract {
    @Override
    TestServer.Db db() {
        return TestServer.Db.H2;
    }
}
