package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;

class KeysAndSettingsApiOnH2Test extends KeysAndSettingsApiContract {
    @Override
    TestServer.Db db() {
        return TestServer.Db.H2;
    }
}
