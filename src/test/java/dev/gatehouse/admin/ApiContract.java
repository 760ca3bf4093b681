package dev.gatehouse.admin;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A contract test of the admin API: one server per concrete class, on the database the subclass
 * names, so every contract runs on H2 and on PostgreSQL. {@code token} is the bootstrap admin
 * client's (Tenant Administrator of "default").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContract {
    TestServer server;
    String token;

    abstract TestServer.Db db();

    @BeforeAll
    void startServer() {
        server = TestServer.start(db());
        token = server.adminToken();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }
}
