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
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §5: the console's API client pages, action by action, in a real browser, checked against the admin API. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleClientsBrowserTest extends ConsoleBrowserTestBase {
    static final String API = "/api/adminapi2/v1/tenants/default";

    private JsonNode apiClient(String clientId) {
        var r = server.get(API + "/clients/" + clientId, server.adminToken());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private String createViaApi(String name, Object... fields) {
        var b = new java.util.HashMap<String, Object>(body(fields));
        b.put("clientName", name);
        var r = server.postJson(API + "/clients", server.adminToken(), b);
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().get("clientId").asText();
    }

    @Test
    @Order(1)
    @DisplayName("SPEC §5: an administrator signs in through the authorization-code flow and sees the tenant they chose")
    void signedInShowsTenantAndUser() {
        open("/console/clients");
        heading("API clients");
        assertThat(text("tenant")).isEqualTo(server.app().tenantService().get("default").displayName());
        assertThat(text("signed-in-as")).isEqualTo(TestServer.ADMIN_EMAIL);
        screenshot("01-clients");
    }

    @Test
    @Order(2)
    @DisplayName("SPEC §5 Create API Client: name dialog, Client ID and Secret with copy buttons, Save to File, shown-once warning, Close to the client's page")
    void createApiClient() throws Exception {
        open("/console/clients");
        press("Create API Client");
        WebElement dialog = driver.findElement(By.id("create-dialog"));
        assertThat(dialog.isDisplayed()).isTrue();
        fill("Client Name", "Invoice Robot");
        screenshot("02-create-dialog");
        dialog.findElement(By.xpath(".//button[normalize-space()='Create']")).click();

        heading("API client created");
        String clientId = field("Client ID").getAttribute("value");
        String secret = field("Client Secret").getAttribute("value");
        assertThat(clientId).matches("[A-Za-z0-9]{30}");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("shown only once");
        screenshot("03-client-created");

        WebElement copy = driver.findElement(By.cssSelector("[data-copy=client-secret]"));
        assertThat(copy.isDisplayed()).isTrue();
        copy.click();
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> copy.getText().equals("Copied"));

        press("Save to File");
        Path file = downloads.resolve("Invoice-Robot.txt");
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> Files.exists(file));
        assertThat(Files.readAllLines(file)).containsExactly("Client ID: " + clientId, "Client Secret: " + secret);

        // What the page showed is what the admin API has: the client, and a secret starting like the shown one.
        JsonNode saved = apiClient(clientId);
        assertThat(saved.get("clientName").asText()).isEqualTo("Invoice Robot");
        var secrets = server.get(API + "/clients/" + clientId + "/secrets", server.adminToken()).json();
        assertThat(secrets).hasSize(1);
        assertThat(secret).startsWith(secrets.get(0).get("valueDisplay").asText());

        press("Close");
        heading("Invoice Robot");
        assertThat(text("client-id")).isEqualTo(clientId);

        // The shown secret authenticates a client-credentials request once that flow is allowed.
        field("Allow client credentials flow").click();
        press("Save flows");
        heading("Invoice Robot");
        assertThat(notice()).isEqualTo("The OAuth 2.0 flows were saved.");
        var token = server.postForm("/auth2/connect/token", Map.of("grant_type", "client_credentials"),
                clientId + ":" + secret);
        assertThat(token.status()).as("%s", token).isEqualTo(200);
        assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
    }

    @Test
    @Order(2)
    @DisplayName("Reloading the page that shows a new secret opens the client instead of creating a second one")
    void reloadAfterCreateDoesNotCreateAgain() {
        open("/console/clients");
        press("Create API Client");
        fill("Client Name", "Reloaded once");
        driver.findElement(By.id("create-dialog")).findElement(By.xpath(".//button[normalize-space()='Create']")).click();
        heading("API client created");
        String clientId = field("Client ID").getAttribute("value");
        String secret = field("Client Secret").getAttribute("value");
        assertThat(driver.getCurrentUrl()).isEqualTo(server.baseUrl() + "/console/clients/" + clientId);
        driver.navigate().refresh();
        heading("Reloaded once");
        assertThat(driver.getPageSource()).doesNotContain(secret);
        assertThat(server.get(API + "/clients?search=Reloaded%20once", server.adminToken()).header("Total-Count"))
                .isEqualTo("1");
    }

    @Test
    @Order(3)
    @DisplayName("SPEC §5: a blank name is refused next to the field, and nothing is created")
    void createWithBlankName() {
        long before = server.app().clientService().list(server.app().tenantService().get("default"), null, 0, 1).total();
        open("/console/clients/new");
        heading("Create API Client");
        fill("Client Name", "   ");
        press("Create");
        heading("Create API Client");
        assertThat(driver.findElement(By.id("client-name-error")).getText())
                .isEqualTo("Client Name must be 1 to 200 characters and not blank");
        long after = server.app().clientService().list(server.app().tenantService().get("default"), null, 0, 1).total();
        assertThat(after).isEqualTo(before);
    }

    @Test
    @Order(4)
    @DisplayName("SPEC §5: the client list searches by name and by role, and pages through 20 at a time")
    void listSearchAndPaging() {
        for (int i = 1; i <= 23; i++) createViaApi(String.format("Paged %02d", i));
        createViaApi("Designer bot", "allowedGrantTypes", List.of("client_credentials"), "roles", List.of("Skill Designer"));

        open("/console/clients?q=paged");
        assertThat(text("count")).isEqualTo("23 clients");
        assertThat(driver.findElements(By.cssSelector("tbody tr"))).hasSize(20);
        press("Next");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("page=2"));
        assertThat(driver.findElements(By.cssSelector("tbody tr"))).hasSize(3);
        assertThat(driver.findElement(By.cssSelector("tbody tr")).getText()).startsWith("Paged 21");

        fill("Search by name or role", "skill designer");
        press("Search");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("q=skill"));
        var rows = driver.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().getText()).startsWith("Designer bot");
        rows.getFirst().findElement(By.linkText("Designer bot")).click();
        heading("Designer bot");
    }

    @Test
    @Order(5)
    @DisplayName("SPEC §5 Client Name: rename, and the admin API returns the new name; the change is audited as the signed-in user")
    void rename() {
        String clientId = createViaApi("Old name");
        open("/console/clients/" + clientId);
        heading("Old name");
        fill("Client Name", "New name");
        press("Rename");
        heading("New name");
        assertThat(notice()).isEqualTo("The client was renamed.");
        assertThat(apiClient(clientId).get("clientName").asText()).isEqualTo("New name");

        var events = server.get(API + "/events?action=client.updated", server.adminToken()).json();
        JsonNode event = null;
        for (JsonNode e : events) if (e.get("targetId").asText().equals(clientId)) event = e;
        assertThat(event).as("audit event of the rename").isNotNull();
        assertThat(event.get("actorType").asText()).isEqualTo("user");
        String adminId = server.app().userService().byEmail(server.app().tenantService().get("default"),
                TestServer.ADMIN_EMAIL).orElseThrow().id();
        assertThat(event.get("actor").asText()).isEqualTo(adminId);
    }

    @Test
    @Order(6)
    @DisplayName("SPEC §5 Add Secret: description and expiry (default six months), shown once and working; list with valueDisplay, start, expiry; delete with a confirmation")
    void secrets() {
        String clientId = createViaApi("Secret keeper", "allowedGrantTypes", List.of("client_credentials"));
        open("/console/clients/" + clientId);
        heading("Secret keeper");
        assertThat(new Select(field("Expires after")).getFirstSelectedOption().getText()).isEqualTo("6 months");
        assertThat(new Select(field("Expires after")).getOptions().stream().map(WebElement::getText).toList())
                .containsExactly("1 day", "7 days", "1 month", "3 months", "6 months", "12 months", "24 months", "36 months");
        fill("Description", "for the nightly job");
        pressIn("secrets", "Add Secret");
        heading("Secret added");
        String secret = field("Client Secret").getAttribute("value");
        var token = server.postForm("/auth2/connect/token", Map.of("grant_type", "client_credentials"),
                clientId + ":" + secret);
        assertThat(token.status()).as("%s", token).isEqualTo(200);
        press("Close");
        heading("Secret keeper");
        screenshot("04-client-page");

        var secrets = server.get(API + "/clients/" + clientId + "/secrets", server.adminToken()).json();
        assertThat(secrets).hasSize(2);
        JsonNode added = null;
        for (JsonNode s : secrets) if ("for the nightly job".equals(s.path("description").asText())) added = s;
        assertThat(added).isNotNull();
        Instant expiration = Instant.parse(added.get("expiration").asText());
        Instant expected = Instant.parse(added.get("startTime").asText()).atOffset(ZoneOffset.UTC).plusMonths(6).toInstant();
        assertThat(expiration).isEqualTo(expected);
        String row = driver.findElement(By.xpath("//section[@id='secrets']//tr[td[normalize-space()='for the nightly job']]")).getText();
        assertThat(row).contains(added.get("valueDisplay").asText() + "…")
                .contains(Format.time(Instant.parse(added.get("startTime").asText())))
                .contains(Format.time(expiration))
                .doesNotContain("Expired");

        // Delete the first secret, after confirming.
        String firstDisplay = null;
        String firstId = null;
        for (JsonNode s : secrets) if (s != added) { firstDisplay = s.get("valueDisplay").asText(); firstId = s.get("id").asText(); }
        driver.findElement(By.cssSelector("[aria-label='Delete secret " + firstDisplay + "']")).click();
        heading("Delete secret");
        assertThat(text("question")).contains(firstDisplay + "…").contains("Secret keeper");
        press("Delete secret");
        heading("Secret keeper");
        assertThat(notice()).isEqualTo("The secret was deleted.");
        var left = server.get(API + "/clients/" + clientId + "/secrets", server.adminToken()).json();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("id").asText()).isNotEqualTo(firstId);
    }

    @Test
    @Order(7)
    @DisplayName("SPEC §5 secrets: an expired secret is marked Expired")
    void expiredSecretIsMarked() {
        String clientId = createViaApi("Expiring");
        Instant start = Instant.now().minus(Duration.ofDays(3));
        var r = server.postJson(API + "/clients/" + clientId + "/secrets", server.adminToken(), body(
                "description", "old one", "startTime", start.toString(),
                "expiration", start.plus(Duration.ofDays(1)).plusSeconds(60).toString()));
        if (r.status() == 201) {
            open("/console/clients/" + clientId);
            String row = driver.findElement(By.xpath("//section[@id='secrets']//tr[td[normalize-space()='old one']]")).getText();
            assertThat(row).contains("Expired");
        } else {
            // The API refuses a secret that expires in the past: then only the live one is listed, unmarked.
            assertThat(r.status()).as("%s", r).isEqualTo(400);
            open("/console/clients/" + clientId);
            assertThat(driver.findElement(By.id("secrets")).getText()).doesNotContain("Expired");
        }
    }

    @Test
    @Order(8)
    @DisplayName("SPEC §5 Add Redirect URL: added, a risky prefix flagged, an invalid one refused next to the field, removed")
    void redirectUrls() {
        String clientId = createViaApi("Web app");
        open("/console/clients/" + clientId);
        fill("Add Redirect URL", "https://app.example.com/callback");
        pressIn("redirect-uris", "Add Redirect URL");
        heading("Web app");
        assertThat(notice()).isEqualTo("The address was added.");
        fill("Add Redirect URL", "https://app.example.com");
        pressIn("redirect-uris", "Add Redirect URL");
        heading("Web app");
        assertThat(apiClient(clientId).get("redirectUris").toString())
                .isEqualTo("[\"https://app.example.com/callback\",\"https://app.example.com\"]");
        WebElement risky = driver.findElement(By.xpath("//section[@id='redirect-uris']//li[span[normalize-space()='https://app.example.com']]"));
        assertThat(risky.findElement(By.cssSelector(".badge.risky")).getText()).isEqualTo("Risky");
        WebElement safe = driver.findElement(By.xpath("//section[@id='redirect-uris']//li[span[normalize-space()='https://app.example.com/callback']]"));
        assertThat(safe.findElements(By.cssSelector(".badge.risky"))).isEmpty();
        screenshot("05-redirect-urls");

        fill("Add Redirect URL", "javascript:alert(1)");
        pressIn("redirect-uris", "Add Redirect URL");
        heading("Web app");
        assertThat(driver.findElement(By.cssSelector("#redirect-uris .error")).getText())
                .isEqualTo("must not use the javascript scheme");
        assertThat(apiClient(clientId).get("redirectUris")).hasSize(2);

        driver.findElement(By.cssSelector("[aria-label='Remove https://app.example.com']")).click();
        heading("Web app");
        assertThat(notice()).isEqualTo("The address was removed.");
        assertThat(apiClient(clientId).get("redirectUris").toString()).isEqualTo("[\"https://app.example.com/callback\"]");
    }

    @Test
    @Order(9)
    @DisplayName("SPEC §5: post-logout URLs and CORS origins are added and removed")
    void postLogoutUrlsAndCorsOrigins() {
        String clientId = createViaApi("SPA");
        open("/console/clients/" + clientId);
        fill("Add post-logout URL", "https://spa.example.com/bye");
        pressIn("post-logout-uris", "Add post-logout URL");
        heading("SPA");
        fill("Add origin", "https://spa.example.com");
        pressIn("cors-origins", "Add origin");
        heading("SPA");
        JsonNode c = apiClient(clientId);
        assertThat(c.get("postLogoutRedirectUris").toString()).isEqualTo("[\"https://spa.example.com/bye\"]");
        assertThat(c.get("allowedCorsOrigins").toString()).isEqualTo("[\"https://spa.example.com\"]");

        fill("Add origin", "https://spa.example.com/with/path");
        pressIn("cors-origins", "Add origin");
        heading("SPA");
        assertThat(driver.findElement(By.cssSelector("#cors-origins .error")).getText()).isNotBlank();

        driver.findElement(By.cssSelector("[aria-label='Remove https://spa.example.com']")).click();
        heading("SPA");
        assertThat(apiClient(clientId).get("allowedCorsOrigins")).isEmpty();
    }

    @Test
    @Order(10)
    @DisplayName("SPEC §5: token lifetimes and refresh token usage are saved; a lifetime out of range is refused next to the field")
    void tokenSettings() {
        String clientId = createViaApi("Lifetimes");
        open("/console/clients/" + clientId);
        fill("Access token lifetime (seconds)", "600");
        fill("Refresh token lifetime (seconds)", "7200");
        new Select(field("Refresh token usage")).selectByValue("ReUse");
        press("Save token settings");
        heading("Lifetimes");
        assertThat(notice()).isEqualTo("The token settings were saved.");
        JsonNode c = apiClient(clientId);
        assertThat(c.get("accessTokenLifetime").asInt()).isEqualTo(600);
        assertThat(c.get("refreshTokenLifetime").asInt()).isEqualTo(7200);
        assertThat(c.get("refreshTokenUsage").asText()).isEqualTo("ReUse");

        ((JavascriptExecutor) driver).executeScript("document.getElementById('access-lifetime').removeAttribute('min')");
        fill("Access token lifetime (seconds)", "0");
        press("Save token settings");
        heading("Lifetimes");
        assertThat(driver.findElement(By.cssSelector("#tokens .error")).getText()).contains("1");
        assertThat(apiClient(clientId).get("accessTokenLifetime").asInt()).isEqualTo(600);
    }

    @Test
    @Order(11)
    @DisplayName("SPEC §5 OAuth 2.0 Flows Settings and Manage Roles: each box maps to the client's fields; roles ride on client-credentials tokens")
    void flowsAndRoles() {
        String clientId = createViaApi("Flows");
        open("/console/clients/" + clientId);
        assertThat(field("Allow Authorization Code Flow").isSelected()).isTrue();
        assertThat(field("Allow Authorization Code Flow").isEnabled()).isFalse();
        assertThat(field("Require PKCE for Authorization Code Flow").isSelected()).isTrue();
        field("Require PKCE for Authorization Code Flow").click();
        field("Allow issuing refresh tokens").click();
        field("Allow Resource Owner Password Credentials Flow").click();
        field("Allow client credentials flow").click();
        press("Save flows");
        heading("Flows");
        JsonNode c = apiClient(clientId);
        assertThat(c.get("allowNoPkce").asBoolean()).isTrue();
        assertThat(c.get("allowOfflineAccess").asBoolean()).isTrue();
        assertThat(c.get("allowRopc").asBoolean()).isTrue();
        assertThat(c.get("allowedGrantTypes").toString()).contains("\"client_credentials\"").contains("\"password\"");

        field("Skill User").click();
        field("Manual Review Operator").click();
        press("Save roles");
        heading("Flows");
        assertThat(notice()).isEqualTo("The roles were saved.");
        assertThat(apiClient(clientId).get("roles").toString()).isEqualTo("[\"Manual Review Operator\",\"Skill User\"]");
        screenshot("06-flows-and-roles");
    }

    @Test
    @Order(12)
    @DisplayName("SPEC §5: disable and enable a client; a disabled client gets no token")
    void disableAndEnable() {
        String clientId = createViaApi("Switch", "allowedGrantTypes", List.of("client_credentials"));
        open("/console/clients/" + clientId);
        press("Disable client");
        heading("Switch");
        assertThat(text("status")).isEqualTo("Disabled");
        assertThat(apiClient(clientId).get("enabled").asBoolean()).isFalse();
        press("Enable client");
        heading("Switch");
        assertThat(text("status")).isEqualTo("Enabled");
        assertThat(apiClient(clientId).get("enabled").asBoolean()).isTrue();
    }

    @Test
    @Order(13)
    @DisplayName("SPEC §5: delete a client after a confirmation; the admin API no longer has it")
    void deleteClient() {
        String clientId = createViaApi("Doomed");
        open("/console/clients/" + clientId);
        press("Delete client");
        heading("Delete API client");
        screenshot("07-delete-confirmation");
        press("Delete client");
        heading("API clients");
        assertThat(notice()).isEqualTo("The client was deleted.");
        assertThat(server.get(API + "/clients/" + clientId, server.adminToken()).status()).isEqualTo(404);
    }

    @Test
    @Order(14)
    @DisplayName("CSRF: a console form posted without the session's token changes nothing (403)")
    void formWithoutCsrfTokenIsRefused() {
        String clientId = createViaApi("Guarded");
        var r = postAsBrowser("/console/clients/" + clientId + "/name", Map.of("clientName", "Hijacked"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("This form is no longer valid");
        r = postAsBrowser("/console/clients/" + clientId + "/name", Map.of("clientName", "Hijacked", "csrf", "wrong"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(apiClient(clientId).get("clientName").asText()).isEqualTo("Guarded");
    }

    @Test
    @Order(15)
    @DisplayName("Another tenant's client is not found from this tenant's console (404 page)")
    void foreignClientIsNotFound() {
        String installation = server.installationAdminToken();
        assertThat(server.postJson("/api/adminapi2/v1/tenants", installation, body("name", "other-org")).status()).isEqualTo(201);
        var other = server.postJson("/api/adminapi2/v1/tenants/other-org/clients", installation, body("clientName", "Theirs"));
        String clientId = other.json().get("clientId").asText();
        var r = server.send("GET", "/console/clients/" + clientId, Map.of("Cookie", sessionCookie()), null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.body()).doesNotContain("Theirs");
    }

    @Test
    @Order(16)
    @DisplayName("The console is readable on a phone: nothing is wider than the screen")
    void phoneLayout() {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of("/console/clients", "/console/clients/" + createViaApi("Phone"))) {
                open(page);
                long scroll = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
                long width = (Long) ((JavascriptExecutor) driver).executeScript("return window.innerWidth");
                assertThat(scroll).as("page width on %s", page).isLessThanOrEqualTo(width);
            }
            screenshot("08-client-page-phone");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }
}
