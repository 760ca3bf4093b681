package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;

class KeysAndSettingsApiOnPostgresTest extends KeysAndSettingsApiContract {
    @Override
    TestServer.Db db() {
        return TestServer.Db.POSTGRES;
    }
}
