package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §5: the console's users, signing keys, audit log and tenant settings pages, action by action, in a
 * real browser, checked against the admin API and against sign-ins with the password grant.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleAdministrationBrowserTest extends ConsoleBrowserTestBase {
    static final String API = ConsoleClientsBrowserTest.API;
    static final String LAST_ADMIN = "this is the tenant's last enabled Tenant Administrator;"
            + " make another user Tenant Administrator first";

    private String ropcClient;

    private JsonNode apiUser(String userId) {
        var r = server.get(API + "/users/" + userId, server.adminToken());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private String createViaApi(String email, Object... fields) {
        var b = new java.util.HashMap<String, Object>(body(fields));
        b.put("email", email);
        var r = server.postJson(API + "/users", server.adminToken(), b);
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** The status of a password-grant sign-in, through an API client that allows it. */
    private int passwordGrant(String email, String password) {
        if (ropcClient == null) {
            var created = server.postJson(API + "/clients", server.adminToken(),
                    Map.of("clientName", "ropc for console tests", "allowRopc", true));
            ropcClient = created.json().get("clientId").asText() + ":" + created.json().get("secret").get("value").asText();
        }
        return server.postForm("/auth2/connect/token", Map.of("grant_type", "password", "username", email,
                "password", password), ropcClient).status();
    }

    private String userId(String email) {
        return server.app().userService().byEmail(server.app().tenantService().get("default"), email).orElseThrow().id();
    }

    private String adminId() {
        return userId(TestServer.ADMIN_EMAIL);
    }

    private String userIdFromUrl() {
        String url = driver.getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    }

    private String error(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private List<String> column(int index) {
        var cells = new ArrayList<String>();
        for (WebElement row : driver.findElements(By.cssSelector("tbody tr"))) {
            cells.add(row.findElements(By.tagName("td")).get(index).getText());
        }
        return cells;
    }

    @Test
    @Order(1)
    @DisplayName("SPEC §5 users: the signed-in administrator cannot take away the tenant's last Tenant Administrator; the service's reason is shown")
    void lastAdministratorIsKept() {
        open("/console/users/" + adminId());
        heading(TestServer.ADMIN_EMAIL);
        assertThat(text("email")).isEqualTo(TestServer.ADMIN_EMAIL + " You");
        field("Tenant Administrator").click();
        press("Save");
        heading(TestServer.ADMIN_EMAIL);
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).isEqualTo("Nothing was saved: see the message below.");
        assertThat(error("roles-error")).isEqualTo(LAST_ADMIN);
        assertThat(field("Tenant Administrator").isSelected()).isTrue();

        press("Disable user");
        heading(TestServer.ADMIN_EMAIL);
        assertThat(error("enabled-error")).isEqualTo(LAST_ADMIN);
        assertThat(text("status")).isEqualTo("Enabled");

        press("Delete user");
        heading("Delete user");
        assertThat(text("question")).isEqualTo("Delete " + TestServer.ADMIN_EMAIL
                + "? They can no longer sign in. This is you: you will be signed out.");
        press("Delete user");
        heading(TestServer.ADMIN_EMAIL);
        assertThat(error("delete-error")).isEqualTo(LAST_ADMIN);

        JsonNode admin = apiUser(adminId());
        assertThat(admin.get("roles").toString()).contains("\"Tenant Administrator\"");
        assertThat(admin.get("enabled").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    @DisplayName("SPEC §5 users: Create user with email, display name, password and roles; the admin API has them and the user signs in")
    void createUser() {
        open("/console/users");
        heading("Users");
        press("Create user");
        heading("Create user");
        fill("Email", "ada@example.com");
        fill("Display name", "Ada Lovelace");
        fill("Password", "analytical engine 1843");
        field("Skill User").click();
        field("Processing Supervisor").click();
        press("Create user");
        heading("ada@example.com");
        assertThat(notice()).isEqualTo("The user was created.");
        assertThat(text("status")).isEqualTo("Enabled");
        assertThat(text("has-password")).isEqualTo("Set");

        JsonNode saved = apiUser(userIdFromUrl());
        assertThat(saved.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(saved.get("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(saved.get("roles").toString()).isEqualTo("[\"Processing Supervisor\",\"Skill User\"]");
        assertThat(saved.get("enabled").asBoolean()).isTrue();
        assertThat(passwordGrant("ada@example.com", "analytical engine 1843")).isEqualTo(200);

        open("/console/users?q=ada");
        assertThat(text("count")).isEqualTo("1 user");
        assertThat(driver.findElement(By.cssSelector("tbody tr")).getText())
                .isEqualTo("ada@example.com Ada Lovelace Processing Supervisor, Skill User Enabled");
        open("/console/users");
        screenshot("10-users");
    }

    @Test
    @Order(3)
    @DisplayName("SPEC §5 users: a short password and a taken email are refused next to the field, and nothing is created")
    void createUserErrors() {
        long before = apiUsers().size();
        open("/console/users/new");
        fill("Email", "grace@example.com");
        fill("Display name", "Grace Hopper");
        fill("Password", "short");
        field("Skill Designer").click();
        press("Create user");
        heading("Create user");
        assertThat(error("password-error")).isEqualTo("Password must be at least 10 characters");
        // What was typed is kept, except the password.
        assertThat(field("Email").getAttribute("value")).isEqualTo("grace@example.com");
        assertThat(field("Display name").getAttribute("value")).isEqualTo("Grace Hopper");
        assertThat(field("Password").getAttribute("value")).isEmpty();
        assertThat(field("Skill Designer").isSelected()).isTrue();

        fill("Email", TestServer.ADMIN_EMAIL.toUpperCase());
        fill("Password", "a long enough password");
        press("Create user");
        heading("Create user");
        assertThat(error("email-error")).isEqualTo("Email is already used by another user of this tenant");
        assertThat(apiUsers()).hasSize((int) before);
    }

    private JsonNode apiUsers() {
        return server.get(API + "/users?limit=500", server.adminToken()).json();
    }

    @Test
    @Order(4)
    @DisplayName("SPEC §5 users: edit the display name and roles with checkboxes; the admin API returns them")
    void editDisplayNameAndRoles() {
        String userId = createViaApi("bob@example.com", "displayName", "Bob", "roles", List.of("Skill User"));
        open("/console/users/" + userId);
        heading("bob@example.com");
        assertThat(field("Skill User").isSelected()).isTrue();
        fill("Display name", "Robert Example");
        field("Skill User").click();
        field("Skill Designer").click();
        field("Manual Review Operator").click();
        press("Save");
        heading("bob@example.com");
        assertThat(notice()).isEqualTo("The user's display name and roles were saved.");
        assertThat(field("Display name").getAttribute("value")).isEqualTo("Robert Example");
        assertThat(field("Skill Designer").isSelected()).isTrue();
        assertThat(field("Skill User").isSelected()).isFalse();
        JsonNode saved = apiUser(userId);
        assertThat(saved.get("displayName").asText()).isEqualTo("Robert Example");
        assertThat(saved.get("roles").toString()).isEqualTo("[\"Manual Review Operator\",\"Skill Designer\"]");
        screenshot("11-user");

        fill("Display name", "   ");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('display-name').removeAttribute('required')");
        press("Save");
        heading("bob@example.com");
        assertThat(error("display-name-error")).isEqualTo("Display name must be 1 to 200 characters and not blank");
        assertThat(apiUser(userId).get("displayName").asText()).isEqualTo("Robert Example");
    }

    @Test
    @Order(5)
    @DisplayName("SPEC §5 users: disable a user, who then cannot sign in, and enable them again")
    void disableAndEnable() {
        String userId = createViaApi("carol@example.com", "password", "carol's password 1");
        assertThat(passwordGrant("carol@example.com", "carol's password 1")).isEqualTo(200);
        open("/console/users/" + userId);
        press("Disable user");
        heading("carol@example.com");
        assertThat(notice()).isEqualTo("The user is disabled: they can no longer sign in.");
        assertThat(text("status")).isEqualTo("Disabled");
        assertThat(apiUser(userId).get("enabled").asBoolean()).isFalse();
        assertThat(passwordGrant("carol@example.com", "carol's password 1")).isEqualTo(400);

        press("Enable user");
        heading("carol@example.com");
        assertThat(notice()).isEqualTo("The user is enabled.");
        assertThat(text("status")).isEqualTo("Enabled");
        assertThat(apiUser(userId).get("enabled").asBoolean()).isTrue();
        assertThat(passwordGrant("carol@example.com", "carol's password 1")).isEqualTo(200);
    }

    @Test
    @Order(6)
    @DisplayName("SPEC §5 users: reset a password; the new one signs in, the old one no longer does; a short one is refused next to the field")
    void resetPassword() {
        String userId = createViaApi("dave@example.com", "password", "dave's old password");
        open("/console/users/" + userId);
        fill("New password", "tiny");
        press("Reset password");
        heading("dave@example.com");
        assertThat(error("new-password-error")).isEqualTo("New password must be at least 10 characters");
        assertThat(passwordGrant("dave@example.com", "dave's old password")).isEqualTo(200);

        fill("New password", "dave's brand new password");
        press("Reset password");
        heading("dave@example.com");
        assertThat(notice()).isEqualTo("The password was reset.");
        assertThat(passwordGrant("dave@example.com", "dave's brand new password")).isEqualTo(200);
        assertThat(passwordGrant("dave@example.com", "dave's old password")).isEqualTo(400);
    }

    @Test
    @Order(7)
    @DisplayName("SPEC §5 users: delete a user after a confirmation; the admin API no longer has them")
    void deleteUser() {
        String userId = createViaApi("erin@example.com");
        open("/console/users/" + userId);
        press("Delete user");
        heading("Delete user");
        assertThat(text("question")).isEqualTo("Delete erin@example.com? They can no longer sign in.");
        press("Cancel");
        heading("erin@example.com");
        assertThat(apiUser(userId).get("email").asText()).isEqualTo("erin@example.com");

        press("Delete user");
        heading("Delete user");
        press("Delete user");
        heading("Users");
        assertThat(notice()).isEqualTo("The user was deleted.");
        assertThat(server.get(API + "/users/" + userId, server.adminToken()).status()).isEqualTo(404);
    }

    @Test
    @Order(8)
    @DisplayName("SPEC §5 signing keys: the table lists what the admin API lists; Rotate publishes a next key, Rotate immediately a current one")
    void keysListAndRotate() {
        JsonNode before = server.get(API + "/keys", server.adminToken()).json();
        assertThat(before).as("a new tenant's one key").hasSize(1);
        open("/console/keys");
        heading("Signing keys");
        assertThat(column(0)).hasSize(before.size());
        assertThat(column(0).getFirst()).isEqualTo(before.get(0).get("kid").asText());
        assertThat(column(2).getFirst()).isEqualTo("Current");
        assertThat(driver.findElement(By.id("rotate")).getText()).contains("starts signing after the lead time of 1 hour");

        press("Rotate");
        heading("Signing keys");
        assertThat(notice()).isEqualTo("A new key was published. It signs once the lead time has passed.");
        JsonNode scheduled = server.get(API + "/keys", server.adminToken()).json();
        assertThat(scheduled).hasSize(before.size() + 1);
        JsonNode next = scheduled.get(0);
        assertThat(next.get("status").asText()).isEqualTo("next");
        assertThat(column(0).getFirst()).isEqualTo(next.get("kid").asText());
        assertThat(column(1).getFirst()).isEqualTo(next.get("algorithm").asText());
        assertThat(column(2)).containsExactly("Next", "Current");
        assertThat(column(3).getFirst()).isEqualTo(Format.time(java.time.Instant.parse(next.get("activatesAt").asText())));

        field("Immediately: sign with the new key from now on").click();
        press("Rotate");
        heading("Signing keys");
        assertThat(notice()).isEqualTo("A new key was published and signs from now on.");
        // The next key never signed, so it is dropped; the current one retires now.
        JsonNode immediate = server.get(API + "/keys", server.adminToken()).json();
        assertThat(immediate).hasSize(before.size() + 1);
        assertThat(immediate.get(0).get("status").asText()).isEqualTo("current");
        assertThat(immediate.get(0).get("kid").asText()).isNotEqualTo(next.get("kid").asText());
        assertThat(column(0)).containsExactly(immediate.get(0).get("kid").asText(), before.get(0).get("kid").asText());
        assertThat(column(2)).containsExactly("Current", "Retired");
        screenshot("12-keys");
    }

    @Test
    @Order(9)
    @DisplayName("SPEC §5 audit log: newest first, the console's changes by the signed-in user; filtered by action and actor")
    void auditLog() {
        for (int i = 1; i <= 21; i++) createViaApi("logged" + i + "@example.com"); // more than a page of events
        String userId = createViaApi("frank@example.com");
        open("/console/users/" + userId);
        fill("Display name", "Frank");
        press("Save");
        heading("frank@example.com");

        open("/console/events");
        heading("Audit log");
        WebElement newest = driver.findElement(By.cssSelector("tbody tr"));
        var cells = newest.findElements(By.tagName("td"));
        assertThat(cells.get(1).getText()).isEqualTo(TestServer.ADMIN_EMAIL + "\nuser");
        assertThat(cells.get(1).findElement(By.cssSelector("[title]")).getAttribute("title")).isEqualTo(adminId());
        assertThat(cells.get(2).getText()).isEqualTo("user.updated");
        assertThat(cells.get(3).getText()).isEqualTo("user\n" + userId);
        assertThat(cells.get(5).getText().split("\n"))
                .containsExactlyInAnyOrder("email: frank@example.com", "roles: none", "enabled: true", "passwordChanged: false");
        long total = Long.parseLong(server.get(API + "/events?limit=1", server.adminToken()).header("Total-Count"));
        assertThat(text("count")).isEqualTo(total + " events");
        assertThat(column(0)).hasSize(20);
        screenshot("13-audit-log");
        press("Next");
        heading("Audit log");
        assertThat(column(0)).hasSize((int) Math.min(20, total - 20));
        assertThat(column(3)).contains("user\n" + userId("logged1@example.com"));

        fill("Action", "user.updated");
        press("Filter");
        heading("Audit log");
        JsonNode updates = server.get(API + "/events?action=user.updated", server.adminToken()).json();
        assertThat(column(2)).hasSize(updates.size()).containsOnly("user.updated");
        assertThat(text("count")).isEqualTo(updates.size() + (updates.size() == 1 ? " event" : " events"));
        assertThat(column(3).getFirst()).isEqualTo("user\n" + userId);

        fill("Action", "user.created");
        fill("Actor", TestServer.ADMIN_EMAIL);
        press("Filter");
        heading("Audit log");
        // Only the users the administrator created in the console: these were created through the API.
        JsonNode created = server.get(API + "/events?action=user.created&actor=" + adminId(), server.adminToken()).json();
        if (created.isEmpty()) {
            assertThat(text("events")).isEqualTo("No event matches this filter.");
        } else {
            assertThat(column(2)).hasSize(created.size()).containsOnly("user.created");
            assertThat(column(3).getFirst()).isEqualTo("user\n" + created.get(0).get("targetId").asText());
        }
        assertThat(driver.findElement(By.id("events")).getText()).doesNotContain(userId);

        open("/console/events?action=user.updated&from=2999-01-01T00:00");
        assertThat(text("events")).isEqualTo("No event matches this filter.");
        open("/console/events?action=user.updated&from=2000-01-01T00:00&to=2999-01-01T00:00");
        assertThat(column(2)).hasSize(updates.size());
    }

    @Test
    @Order(10)
    @DisplayName("SPEC §5 audit log: a time that is not one is refused next to the field, not a server error")
    void auditLogBadTime() {
        var r = server.send("GET", "/console/events?from=yesterday", Map.of("Cookie", sessionCookie()), null);
        assertThat(r.status()).isEqualTo(400);
        open("/console/events?from=yesterday&to=2026-13-01T00:00&action=user.created");
        heading("Audit log");
        assertThat(error("from-error")).isEqualTo("From must be a date and time such as 2026-05-01T09:30");
        assertThat(error("to-error")).isEqualTo("Until must be a date and time such as 2026-05-01T09:30");
        assertThat(text("events")).isEqualTo("No events are shown until the filter is corrected.");
        assertThat(field("Action").getAttribute("value")).isEqualTo("user.created");
    }

    @Test
    @Order(11)
    @DisplayName("SPEC §5 settings: saved, and the admin API returns them; a new algorithm publishes a key of it; a bad value is refused next to the field")
    void settings() {
        open("/console/settings");
        heading("Settings");
        assertThat(new Select(field("Signing algorithm")).getOptions().stream().map(WebElement::getText).toList())
                .containsExactly("RS256", "ES256", "EdDSA");
        assertThat(new Select(field("Signing algorithm")).getFirstSelectedOption().getText()).isEqualTo("RS256");
        fill("Failed sign-ins before lockout", "7");
        fill("Lockout (seconds)", "600");
        field("Require exact redirect URL matches").click();
        press("Save settings");
        heading("Settings");
        assertThat(notice()).isEqualTo("The settings were saved.");
        assertThat(field("Failed sign-ins before lockout").getAttribute("value")).isEqualTo("7");
        assertThat(field("Require exact redirect URL matches").isSelected()).isTrue();
        JsonNode saved = server.get(API + "/settings", server.adminToken()).json();
        assertThat(saved.toString()).isEqualTo(
                "{\"signingAlgorithm\":\"RS256\",\"exactRedirectUris\":true,\"signInMaxFailures\":7,\"signInLockoutSeconds\":600}");

        new Select(field("Signing algorithm")).selectByValue("ES256");
        press("Save settings");
        heading("Settings");
        assertThat(notice()).isEqualTo("The settings were saved. A key of the new algorithm was published; it signs once the lead time has passed.");
        assertThat(server.get(API + "/settings", server.adminToken()).json().get("signingAlgorithm").asText()).isEqualTo("ES256");
        JsonNode newest = server.get(API + "/keys", server.adminToken()).json().get(0);
        assertThat(newest.get("algorithm").asText()).isEqualTo("ES256");
        assertThat(newest.get("status").asText()).isEqualTo("next");
        screenshot("14-settings");

        ((JavascriptExecutor) driver).executeScript("document.getElementById('lockout-seconds').removeAttribute('max')");
        fill("Lockout (seconds)", "90000");
        fill("Failed sign-ins before lockout", "3");
        press("Save settings");
        heading("Settings");
        assertThat(error("lockout-seconds-error")).isEqualTo("Lockout must be a whole number from 1 to 86400");
        assertThat(field("Lockout (seconds)").getAttribute("value")).isEqualTo("90000");
        assertThat(server.get(API + "/settings", server.adminToken()).json().get("signInMaxFailures").asInt()).isEqualTo(7);
        assertThat(server.get(API + "/settings", server.adminToken()).json().get("signInLockoutSeconds").asInt()).isEqualTo(600);
    }

    @Test
    @Order(12)
    @DisplayName("CSRF: a user change posted without the session's token changes nothing (403)")
    void userFormWithoutCsrfTokenIsRefused() {
        String userId = createViaApi("guarded@example.com");
        var r = postAsBrowser("/console/users/" + userId + "/enabled", Map.of("enabled", "false"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(apiUser(userId).get("enabled").asBoolean()).isTrue();
    }

    @Test
    @Order(13)
    @DisplayName("The users, keys, audit log and settings pages are readable on a phone: nothing is wider than the screen")
    void phoneLayout() {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of("/console/users", "/console/users/new", "/console/users/" + adminId(),
                    "/console/keys", "/console/events", "/console/settings")) {
                open(page);
                long scroll = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
                long width = (Long) ((JavascriptExecutor) driver).executeScript("return window.innerWidth");
                assertThat(scroll).as("page width on %s", page).isLessThanOrEqualTo(width);
            }
            screenshot("15-settings-phone");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(14)
    @DisplayName("SPEC §5 users: the list searches by email or name and pages through 20 at a time")
    void usersListSearchAndPaging() {
        for (int i = 1; i <= 21; i++) createViaApi(String.format("paged.user.%02d@example.com", i), "displayName", "Paged " + i);
        open("/console/users?q=paged.user");
        assertThat(text("count")).isEqualTo("21 users");
        assertThat(column(0)).hasSize(20).startsWith("paged.user.01@example.com");
        press("Next");
        heading("Users");
        assertThat(column(0)).containsExactly("paged.user.21@example.com");
        press("Previous");
        heading("Users");
        assertThat(column(0)).hasSize(20);

        fill("Search by email or name", "Paged 7");
        press("Search");
        heading("Users");
        assertThat(column(0)).containsExactly("paged.user.07@example.com");
        driver.findElement(By.linkText("paged.user.07@example.com")).click();
        heading("paged.user.07@example.com");
    }

    @Test
    @Order(15)
    @DisplayName("SPEC §5 signing keys: when the JWKS holds the most keys it may, Rotate shows the service's reason and adds none")
    void rotateWhenFull() {
        JsonNode keys = server.get(API + "/keys", server.adminToken()).json();
        for (int staying = staying(keys); staying < 20; staying++) {
            var r = server.postJson(API + "/keys/rotate", server.adminToken(), Map.of("immediate", true));
            assertThat(r.status()).as("%s", r).isEqualTo(201);
        }
        keys = server.get(API + "/keys", server.adminToken()).json();
        open("/console/keys");
        press("Rotate");
        heading("Signing keys");
        assertThat(text("rotate-error")).startsWith("The issuer already publishes 20 keys, the most it may.");
        assertThat(server.get(API + "/keys", server.adminToken()).json()).hasSize(keys.size());
    }

    /** The published keys that a rotation keeps: all but a next one. */
    private static int staying(JsonNode keys) {
        int n = 0;
        for (JsonNode k : keys) if (!k.get("status").asText().equals("next")) n++;
        return n;
    }
}
