package dev.gatehouse.login;

import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.Chromium;
import dev.gatehouse.testing.PageClicks;
import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §3 sign-in and consent, end to end in a real browser (Debian's chromium, headless, through
 * chromium-driver): email, Tenant choice, password, consent with "Remember my decision", and the
 * redirect to the client on another origin, which the pages' form-action policy must allow.
 * Skipped where chromium is not installed, except in CI (CI=true), where .ci/run installs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInBrowserTest {
    static final String PASSWORD = "browser test password";
    static final String VERIFIER = "browser-verifier-" + "x".repeat(40);

    TestServer server;
    WebDriver driver;

    @BeforeAll
    void start() {
        Chromium.assumeInstalled();
        server = TestServer.start(TestServer.Db.H2);
        driver = Chromium.start(null);
    }

    @AfterAll
    void stop() {
        if (driver != null) driver.quit();
        if (server != null) server.close();
    }

    private WebElement field(String label) {
        WebElement l = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return driver.findElement(By.id(l.getAttribute("for")));
    }

    private void press(String text) {
        PageClicks.click(driver, driver.findElement(By.xpath("//button[normalize-space()='" + text + "']")));
    }

    private void waitForHeading(String heading) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBe(By.tagName("h1"), heading));
    }

    @Test
    @DisplayName("SPEC §3: a person signs in with email, Tenant and password, allows consent, and the client gets a code that buys tokens")
    void signInChooseTenantAndConsent() throws Exception {
        String installationToken = server.installationAdminToken();
        String[] tenantIds = new String[2];
        String[] names = {"browser-a", "browser-b"};
        for (int i = 0; i < 2; i++) {
            var t = server.postJson("/api/adminapi2/v1/tenants", installationToken,
                    body("name", names[i], "displayName", "Browser Org " + (char) ('A' + i)));
            tenantIds[i] = t.json().get("id").asText();
            var u = server.postJson("/api/adminapi2/v1/tenants/" + names[i] + "/users", installationToken,
                    body("email", "person@example.com", "password", PASSWORD, "roles", List.of()));
            assertThat(u.status()).isEqualTo(201);
        }
        // The client lives on another origin (127.0.0.1 rather than localhost): Gatehouse's own health page.
        String port = server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1);
        String redirect = "http://127.0.0.1:" + port + "/health/live";
        var c = server.postJson("/api/adminapi2/v1/clients", installationToken, body("clientName", "Browser App",
                "redirectUris", List.of(redirect), "requireConsent", true));
        assertThat(c.status()).isEqualTo(201);
        String clientId = c.json().get("clientId").asText();
        String secret = c.json().get("secret").get("value").asText();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));

        driver.get(server.baseUrl() + "/auth2/connect/authorize?response_type=code&scope=openid&state=browser"
                + "&client_id=" + clientId + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256&nonce=n1");
        waitForHeading("Sign in");
        field("Email").sendKeys("person@example.com");
        press("Continue");

        waitForHeading("Choose your tenant");
        new Select(field("Tenant")).selectByValue(tenantIds[1]);
        press("Continue");

        waitForHeading("Enter your password");
        field("Password").sendKeys("not the password");
        press("Sign in");
        waitForHeading("Enter your password");
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).isEqualTo("The email or password is wrong.");
        field("Password").sendKeys(PASSWORD);
        press("Sign in");

        waitForHeading("Allow access?");
        assertThat(driver.getPageSource()).contains("Browser App");
        field("Remember my decision").click();
        press("Allow");

        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("code="));
        var answer = Browser.query(driver.getCurrentUrl());
        assertThat(driver.getCurrentUrl()).startsWith(redirect + "?");
        assertThat(answer.get("state")).isEqualTo("browser");
        assertThat(answer.get("iss")).isEqualTo(server.baseUrl() + "/auth2/" + tenantIds[1]);

        var tokens = server.postForm("/auth2/connect/token", Map.of("grant_type", "authorization_code",
                "code", answer.get("code"), "redirect_uri", redirect, "code_verifier", VERIFIER), clientId + ":" + secret);
        assertThat(tokens.status()).as("%s", tokens).isEqualTo(200);
        assertThat(tokens.json().has("id_token")).isTrue();

        // Remembered consent and the browser's session: the next request comes straight back with a code.
        driver.get(server.baseUrl() + "/auth2/connect/authorize?response_type=code&scope=openid&state=again"
                + "&client_id=" + clientId + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256&acr_values=tenant:" + names[1]);
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("state=again"));
        assertThat(Browser.query(driver.getCurrentUrl())).containsKey("code");
    }
}
