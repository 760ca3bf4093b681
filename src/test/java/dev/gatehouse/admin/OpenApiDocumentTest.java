package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.OpenApi31;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;
import dev.gatehouse.web.Server;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The admin API's OpenAPI document (served at {@code /api/adminapi2/openapi.json}) against the real
 * server: the document is well formed, it lists exactly the admin routes the server registers, and
 * every operation, called for real, answers a status the document lists with a body and headers that
 * match the documented schemas. Request bodies the server accepts must satisfy the documented request
 * schemas, and bodies it refuses for a documented rule must break them too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiDocumentTest {
    private static final String DOCUMENT = "/api/adminapi2/openapi.json";
    /** Where the document is filed in the schema registry, so its {@code #/components/...} references resolve. */
    private static final String DOCUMENT_IRI = "https://gatehouse.invalid/api/adminapi2/openapi.json";
    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
    private static final String V1 = "/api/adminapi2/v1";
    private static final String V2 = "/api/adminapi2/v2";
    private static final String TENANT = V1 + "/tenants/default";
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TestServer server;
    /** A client-credentials token with Tenant Administrator on tenant "default". */
    private String admin;
    /** A token of the bootstrap user, an installation administrator. */
    private String installationAdmin;
    private JsonNode doc;
    private SchemaRegistry registry;
    private final Map<String, Schema> schemaCache = new HashMap<>();
    /** Per documented operation ("GET /api/…"), the statuses it answered in this run. */
    private final Map<String, Set<Integer>> answered = new TreeMap<>();

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        admin = server.adminToken();
        installationAdmin = server.installationAdminToken();
        var r = server.get(DOCUMENT, null);
        assertThat(r.status()).as("GET %s", DOCUMENT).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        String text = r.body();
        doc = r.json();
        registry = SchemaRegistry.withDefaultDialect(OpenApi31.getInstance(), b -> b
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                .schemas(Map.of(DOCUMENT_IRI, text)));
        check("GET", DOCUMENT, null, r);
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    // ---- the document itself

    @Test
    @Order(1)
    void theDocumentIsAWellFormedOpenApi31Description() {
        var problems = new ArrayList<String>();
        if (!doc.path("openapi").asText().startsWith("3.1.")) problems.add("openapi is not 3.1.x");
        if (doc.path("info").path("title").asText().isEmpty()) problems.add("info.title is missing");
        if (doc.path("info").path("version").asText().isEmpty()) problems.add("info.version is missing");
        if (!doc.path("components").path("securitySchemes").has("bearerAuth")) problems.add("no bearerAuth scheme");
        var bearer = doc.path("components").path("securitySchemes").path("bearerAuth");
        if (!bearer.path("type").asText().equals("http") || !bearer.path("scheme").asText().equals("bearer")) {
            problems.add("bearerAuth is not an http bearer scheme");
        }
        if (!doc.path("security").toString().equals("[{\"bearerAuth\":[]}]")) problems.add("bearer is not the default");

        // every reference resolves inside the document
        walk(doc, "", (node, pointer) -> {
            if (node.has("$ref")) {
                String ref = node.get("$ref").asText();
                if (!ref.startsWith("#/") || doc.at(ref.substring(1)).isMissingNode()) {
                    problems.add(pointer + ": $ref " + ref + " does not resolve");
                }
            }
        });

        Set<String> declaredTags = new TreeSet<>();
        doc.path("tags").forEach(t -> declaredTags.add(t.path("name").asText()));
        Set<String> operationIds = new TreeSet<>();
        forEachOperation((method, template) -> {
            String where = method.toUpperCase() + " " + template;
            JsonNode op = operation(method, template);
            String id = op.path("operationId").asText();
            if (id.isEmpty() || !operationIds.add(id)) problems.add(where + ": operationId missing or repeated");
            if (op.path("summary").asText().isEmpty()) problems.add(where + ": no summary");
            op.path("tags").forEach(t -> {
                if (!declaredTags.contains(t.asText())) problems.add(where + ": undeclared tag " + t);
            });
            if (op.has("security") && !op.get("security").toString().equals("[]")) {
                problems.add(where + ": security other than the default bearer token or none");
            }
            // path parameters: every {name} in the template is declared, and nothing else
            Set<String> inTemplate = new TreeSet<>();
            for (String segment : template.split("/")) {
                if (segment.startsWith("{")) inTemplate.add(segment.substring(1, segment.length() - 1));
            }
            Set<String> declared = new TreeSet<>();
            parameters(method, template).values().forEach(p -> {
                if (p.node().path("in").asText().equals("path")) {
                    declared.add(p.node().path("name").asText());
                    if (!p.node().path("required").asBoolean()) problems.add(where + ": path parameter not required");
                }
                if (!p.node().has("schema")) problems.add(where + ": parameter without schema");
            });
            if (!inTemplate.equals(declared)) problems.add(where + ": path parameters " + declared + " != " + inTemplate);
            // responses: at least one success, each described; bodies have schemas
            var responses = op.path("responses");
            boolean success = false;
            for (var it = responses.fieldNames(); it.hasNext(); ) {
                String status = it.next();
                if (!status.matches("[1-5][0-9][0-9]")) problems.add(where + ": response key " + status);
                if (status.startsWith("2")) success = true;
                var response = resolve("/paths/" + escape(template) + "/" + method + "/responses/" + status);
                if (response.node().path("description").asText().isEmpty()) problems.add(where + " " + status + ": no description");
                response.node().path("content").forEach(media -> {
                    if (!media.has("schema")) problems.add(where + " " + status + ": content without schema");
                });
                if (status.startsWith("4") && !response.node().path("content").has("application/problem+json")) {
                    problems.add(where + " " + status + ": an error that is not problem details");
                }
                if (status.equals("401") && !response.node().path("headers").has("WWW-Authenticate")) {
                    problems.add(where + " 401: no WWW-Authenticate");
                }
                if (status.equals("201") && !method.equals("post")) problems.add(where + ": 201 from a non-POST");
            }
            if (!success) problems.add(where + ": no success response");
            boolean secured = !op.has("security");
            if (secured && !(responses.has("401") && responses.has("403"))) problems.add(where + ": no 401 and 403");
            if (op.has("requestBody")) {
                var body = resolve("/paths/" + escape(template) + "/" + method + "/requestBody").node();
                // An optional body (rotate's) must say so; the server must then also take none, as the calls below check.
                if (!body.has("required")) problems.add(where + ": request body neither required nor optional");
                if (!body.path("content").has("application/json")) problems.add(where + ": body not application/json");
                for (String s : List.of("400", "413", "415")) {
                    if (!responses.has(s)) problems.add(where + ": takes a body but lists no " + s);
                }
            }
        });

        // every schema is a valid JSON Schema 2020-12, and every example satisfies its schema
        Schema meta = registry.getSchema(SchemaLocation.of(META_SCHEMA));
        walk(doc, "", (node, pointer) -> {
            if (pointer.endsWith("/schema") || pointer.matches("/components/schemas/[^/]+")) {
                meta.validate(node).forEach(e -> problems.add(pointer + ": not a valid schema: " + e));
            }
            if (node.has("schema") && node.has("example")) {
                schemaAt(pointer + "/schema").validate(node.get("example"))
                        .forEach(e -> problems.add(pointer + "/example: " + e));
            }
            if (node.has("schema") && node.has("examples")) {
                node.get("examples").properties().forEach(ex -> schemaAt(pointer + "/schema")
                        .validate(ex.getValue().path("value"))
                        .forEach(e -> problems.add(pointer + "/examples/" + ex.getKey() + ": " + e)));
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(2)
    void theDocumentListsExactlyTheAdminRoutesTheServerRegisters() {
        // the routes as Server.java registers them, from an instance that is never started
        var javalin = Server.create(server.app());
        Set<String> registered = javalin.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint)
                .filter(e -> e.method.isHttpMethod() && !e.method.equals(HandlerType.HEAD))
                .filter(e -> e.path.startsWith("/api/adminapi2/"))
                .map(e -> e.method.name() + " " + e.path)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        forEachOperation((method, template) -> documented.add(method.toUpperCase() + " " + template));
        assertThat(registered).as("admin routes of Server.java").isNotEmpty();
        assertThat(documented).isEqualTo(registered);
    }

    /** Guards against a vacuous check: the validator really applies the document's schemas and formats. */
    @Test
    @Order(3)
    void theSchemaCheckRejectsWhatTheDocumentForbids() {
        String tenant = "/components/schemas/Tenant";
        var good = TestServer.JSON.valueToTree(body("id", "0b6a1a5e-3c7d-4f0e-9a4b-2f1d8c7e6a55", "name", "acme",
                "displayName", "Acme", "enabled", true, "created", "2026-05-01T00:00:00Z"));
        assertThat(schemaAt(tenant).validate(good)).isEmpty();
        var badId = ((ObjectNode) good.deepCopy()).put("id", "not-a-uuid");
        var badTime = ((ObjectNode) good.deepCopy()).put("created", "yesterday");
        var extra = ((ObjectNode) good.deepCopy()).put("colour", "red");
        var missing = ((ObjectNode) good.deepCopy());
        missing.remove("enabled");
        for (JsonNode bad : List.of(badId, badTime, extra, missing)) {
            assertThat(schemaAt(tenant).validate(bad)).as(bad.toString()).isNotEmpty();
        }
        // a problem's status must be the one its response stands for
        String problem = "/components/responses/NotFound/content/application~1problem+json/schema";
        var notFound = TestServer.JSON.valueToTree(body("type", "about:blank", "title", "Not Found", "status", 404,
                "instance", "/x"));
        assertThat(schemaAt(problem).validate(notFound)).isEmpty();
        assertThat(schemaAt(problem).validate(((ObjectNode) notFound.deepCopy()).put("status", 400))).isNotEmpty();
    }

    // ---- every operation, called for real

    @Test
    @Order(10)
    void tenantClientsAndTheirSecrets() {
        String tenantId = server.defaultTenantId();
        var created = expect(201, "POST", TENANT + "/clients", admin, body(
                "clientName", "OpenAPI web app",
                "redirectUris", List.of("https://app.example.com", "https://app.example.com/callback"),
                "postLogoutRedirectUris", List.of("https://app.example.com/"),
                "allowedCorsOrigins", List.of("https://app.example.com"),
                "allowedScopes", "openid profile offline_access permissions",
                "allowOfflineAccess", true,
                "backChannelLogoutUri", "https://app.example.com/logout",
                "accessTokenLifetime", 3600,
                "refreshTokenLifetime", 7200));
        var client = created.json();
        String clientId = client.get("clientId").asText();
        assertThat(created.header("Location")).isEqualTo(TENANT + "/clients/" + clientId);
        assertThat(client.get("warnings")).hasSize(1);
        assertThat(client.get("allowedScopes").toString()).isEqualTo("[\"openid\",\"profile\",\"offline_access\",\"permissions\"]");
        expect(200, "GET", created.header("Location"), admin, null);

        var publicClient = expect(201, "POST", TENANT + "/clients", admin,
                body("clientId", "openapi-public.app_1~x", "requireClientSecret", false)).json();
        assertThat(publicClient.has("secret")).isFalse();
        assertThat(publicClient.get("clientName").asText()).isEqualTo("openapi-public.app_1~x");
        // the document says exactly when the first secret is there
        var createdClient = schemaAt("/components/schemas/CreatedClient");
        assertThat(createdClient.validate(((ObjectNode) client.deepCopy()).without("secret"))).isNotEmpty();
        assertThat(createdClient.validate(((ObjectNode) publicClient.deepCopy()).set("secret", client.get("secret")))).isNotEmpty();

        var list = expect(200, "GET", TENANT + "/clients?search=openapi&offset=0&limit=10", admin, null);
        assertThat(list.header("Total-Count")).isEqualTo("2");
        assertThat(list.json()).hasSize(2);
        expect(200, "GET", TENANT + "/clients?search=&limit=1", admin, null);
        // v2 and the tenant's id in place of its name reach the same client
        var byId = expect(200, "GET", V2 + "/tenants/" + tenantId + "/clients/" + clientId, admin, null).json();
        assertThat(byId.get("clientName").asText()).isEqualTo("OpenAPI web app");

        var replaced = expect(200, "PUT", TENANT + "/clients/" + clientId, admin, body(
                "clientId", clientId,
                "clientName", "OpenAPI machine",
                "allowedGrantTypes", List.of("authorization_code", "client_credentials"),
                "roles", List.of("Skill User"))).json();
        assertThat(replaced.get("redirectUris")).isEmpty();
        assertThat(replaced.get("accessTokenLifetime").asInt()).isEqualTo(86400);
        var patched = expect(200, "PATCH", TENANT + "/clients/" + clientId, admin,
                body("allowRopc", true, "refreshTokenUsage", "ReUse", "backChannelLogoutUri", null)).json();
        assertThat(patched.get("allowedGrantTypes").toString())
                .isEqualTo("[\"authorization_code\",\"password\",\"client_credentials\"]");
        // a client read with GET can be sent back as it is, read-only fields included
        expect(200, "PUT", TENANT + "/clients/" + clientId, admin, patched);

        var secrets = expect(200, "GET", TENANT + "/clients/" + clientId + "/secrets", admin, null).json();
        assertThat(secrets).hasSize(1);
        var plain = expect(201, "POST", TENANT + "/clients/" + clientId + "/secrets", admin, body());
        var start = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        var windowed = expect(201, "POST", TENANT + "/clients/" + clientId + "/secrets", admin, body(
                "description", "CI pipeline", "startTime", start.toString(),
                "expiration", start.plus(30, ChronoUnit.DAYS).toString()));
        assertThat(windowed.header("Location"))
                .isEqualTo(TENANT + "/clients/" + clientId + "/secrets/" + windowed.json().get("id").asText());
        assertThat(expect(200, "GET", TENANT + "/clients/" + clientId + "/secrets", admin, null).json()).hasSize(3);
        expect(204, "DELETE", plain.header("Location"), admin, null);
        expect(204, "DELETE", windowed.header("Location"), admin, null);

        expect(204, "DELETE", TENANT + "/clients/" + clientId, admin, null);
        expect(204, "DELETE", V2 + "/tenants/default/clients/openapi-public.app_1~x", admin, null);
        expect(404, "GET", TENANT + "/clients/" + clientId, admin, null);
    }

    @Test
    @Order(11)
    void users() {
        var created = expect(201, "POST", TENANT + "/users", admin, body(
                "email", "ada@example.com", "displayName", "Ada Lovelace", "password", "analytical engine 1843",
                "roles", List.of("Skill Designer"), "enabled", true));
        String userId = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo(TENANT + "/users/" + userId);
        assertThat(created.json().get("hasPassword").asBoolean()).isTrue();
        var fetched = expect(200, "GET", created.header("Location"), admin, null).json();

        var bare = expect(201, "POST", TENANT + "/users", admin, body("email", "grace@example.com")).json();
        assertThat(bare.get("displayName").asText()).isEqualTo("grace@example.com");
        assertThat(bare.get("hasPassword").asBoolean()).isFalse();

        var list = expect(200, "GET", TENANT + "/users?search=example.com&offset=0&limit=50", admin, null);
        assertThat(Integer.parseInt(list.header("Total-Count"))).isGreaterThanOrEqualTo(3);

        var replaced = expect(200, "PUT", TENANT + "/users/" + userId, admin,
                body("email", "ada.king@example.com")).json();
        assertThat(replaced.get("displayName").asText()).isEqualTo("ada.king@example.com");
        assertThat(replaced.get("roles")).isEmpty();
        // a user read with GET can be sent back as it is, read-only fields included
        expect(200, "PUT", TENANT + "/users/" + userId, admin, fetched);
        var patched = expect(200, "PATCH", TENANT + "/users/" + userId, admin,
                body("enabled", false, "roles", List.of("Skill User", "Skill User"))).json();
        assertThat(patched.get("roles").toString()).isEqualTo("[\"Skill User\"]");
        expect(204, "PUT", TENANT + "/users/" + bare.get("id").asText() + "/password", admin,
                body("password", "a long and memorable passphrase"));
        assertThat(expect(200, "GET", TENANT + "/users/" + bare.get("id").asText(), admin, null).json()
                .get("hasPassword").asBoolean()).isTrue();

        expect(204, "DELETE", TENANT + "/users/" + userId, admin, null);
        expect(204, "DELETE", V2 + "/tenants/default/users/" + bare.get("id").asText(), admin, null);
    }

    @Test
    @Order(12)
    void rolesAndEvents() {
        var roles = expect(200, "GET", TENANT + "/roles", admin, null).json();
        assertThat(roles.findValuesAsText("name")).contains("Tenant Administrator", "Skill Designer");
        var role = expect(201, "POST", TENANT + "/roles", admin,
                body("name", "Invoice Approver 2", "description", "Approves invoices")).json();
        assertThat(role.get("builtIn").asBoolean()).isFalse();
        expect(201, "POST", TENANT + "/roles", admin, body("name", "Über-Prüfer_1.0", "description", null));

        var events = expect(200, "GET", TENANT + "/events?limit=5", admin, null);
        assertThat(events.json()).hasSizeBetween(1, 5);
        String from = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        String to = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        var filtered = expect(200, "GET", TENANT + "/events?action=role.created&actor=gatehouse-admin&from="
                + from + "&to=" + to + "&offset=0", admin, null);
        assertThat(filtered.header("Total-Count")).isEqualTo("2");
    }

    @Test
    @Order(13)
    void tenants() {
        var created = expect(201, "POST", V1 + "/tenants", installationAdmin,
                body("name", "openapi-tenant", "displayName", "OpenAPI Tenant"));
        String tenantId = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo(V1 + "/tenants/" + tenantId);
        expect(200, "GET", created.header("Location"), installationAdmin, null);
        expect(201, "POST", V2 + "/tenants", installationAdmin, body("name", "openapi-2"));
        var list = expect(200, "GET", V1 + "/tenants?offset=0&limit=100", installationAdmin, null);
        var events = expect(200, "GET", V1 + "/events?action=tenant.created", installationAdmin, null);
        assertThat(events.json().findValuesAsText("targetId")).contains(tenantId);
        expect(403, "GET", V1 + "/events", admin, null);
        assertThat(list.header("Total-Count")).isEqualTo(Integer.toString(list.json().size()));
        // an installation administrator reaches the tenant admin API of every tenant
        expect(200, "GET", V1 + "/tenants/openapi-tenant/users", installationAdmin, null);
        expect(200, "GET", V1 + "/tenants/openapi-tenant/roles", installationAdmin, null);

        expect(200, "PATCH", V1 + "/tenants/openapi-tenant", installationAdmin, body("displayName", "Renamed"));
        var disabled = expect(200, "PATCH", V1 + "/tenants/" + tenantId, installationAdmin,
                body("enabled", false)).json();
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        expect(204, "DELETE", V1 + "/tenants/" + tenantId, installationAdmin, null);
        expect(404, "GET", V1 + "/tenants/" + tenantId, installationAdmin, null);
    }

    @Test
    @Order(14)
    void installationClientsAndTheirSecrets() {
        String clients = V1 + "/clients";
        var created = expect(201, "POST", clients, installationAdmin, body(
                "clientName", "OpenAPI installation app", "redirectUris", List.of("http://localhost:3000/callback"),
                "roles", List.of("Installation Administrator"),
                "allowedGrantTypes", List.of("client_credentials")));
        String clientId = created.json().get("clientId").asText();
        assertThat(created.header("Location")).isEqualTo(clients + "/" + clientId);
        expect(200, "GET", created.header("Location"), installationAdmin, null);
        var list = expect(200, "GET", clients + "?search=installation%20app", installationAdmin, null);
        assertThat(list.header("Total-Count")).isEqualTo("1");
        expect(200, "PUT", clients + "/" + clientId, installationAdmin, body("clientName", "Console"));
        expect(200, "PATCH", V2 + "/clients/" + clientId, installationAdmin, body("requireConsent", true));

        expect(200, "GET", clients + "/" + clientId + "/secrets", installationAdmin, null);
        var secret = expect(201, "POST", clients + "/" + clientId + "/secrets", installationAdmin,
                body("description", null));
        expect(204, "DELETE", secret.header("Location"), installationAdmin, null);
        expect(404, "DELETE", secret.header("Location"), installationAdmin, null);
        expect(204, "DELETE", clients + "/" + clientId, installationAdmin, null);
    }

    @Test
    @Order(15)
    void signingKeysAndSettings() {
        var keys = expect(200, "GET", TENANT + "/keys", admin, null).json();
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("status").asText()).isEqualTo("current");
        // the body is optional
        var next = expect(201, "POST", TENANT + "/keys/rotate", admin, null).json();
        assertThat(next.get("status").asText()).isEqualTo("next");
        var replaced = expect(201, "POST", V2 + "/tenants/default/keys/rotate", admin, body("immediate", false)).json();
        assertThat(replaced.get("kid").asText()).isNotEqualTo(next.get("kid").asText());
        var immediate = expect(201, "POST", TENANT + "/keys/rotate", admin, body("immediate", true)).json();
        assertThat(immediate.get("status").asText()).isEqualTo("current");
        assertThat(expect(200, "GET", TENANT + "/keys", admin, null).json().findValuesAsText("status"))
                .containsExactly("current", "retired");

        var settings = expect(200, "GET", TENANT + "/settings", admin, null).json();
        assertThat(settings.get("signingAlgorithm").asText()).isEqualTo("RS256");
        var patched = expect(200, "PATCH", TENANT + "/settings", admin, body("exactRedirectUris", true)).json();
        assertThat(patched.get("exactRedirectUris").asBoolean()).isTrue();
        var replacedSettings = expect(200, "PUT", V2 + "/tenants/default/settings", admin, body(
                "signingAlgorithm", "ES256", "exactRedirectUris", false, "signInMaxFailures", 10,
                "signInLockoutSeconds", 600)).json();
        assertThat(replacedSettings.get("signInMaxFailures").asInt()).isEqualTo(10);
        assertThat(expect(200, "GET", TENANT + "/keys", admin, null).json().get(0).get("algorithm").asText())
                .isEqualTo("ES256");
        // a GET answer can be PUT back as it is; an empty PUT returns every setting to its default
        expect(200, "PUT", TENANT + "/settings", admin, replacedSettings);
        var defaults = expect(200, "PUT", TENANT + "/settings", admin, body()).json();
        assertThat(defaults.toString()).isEqualTo("{\"signingAlgorithm\":\"RS256\",\"exactRedirectUris\":false,"
                + "\"signInMaxFailures\":5,\"signInLockoutSeconds\":300}");
        expect(403, "POST", V1 + "/tenants/no-such-tenant/keys/rotate", admin, null);
        expect(404, "GET", V1 + "/tenants/no-such-tenant/settings", installationAdmin, null);
    }

    // ---- errors: problem details for every documented error status

    @Test
    @Order(20)
    void badRequestsNameEveryBadField() {
        // unknown names, wrong types and broken rules, all in one answer
        var shape = expect(400, "POST", TENANT + "/clients", admin, body(
                "clientName", 5, "colour", "red", "enabled", "yes", "accessTokenLifetime", 10));
        assertThat(shape.json().get("errors").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("clientName", "colour", "enabled", "accessTokenLifetime");
        assertThat(shape.json().get("errors").get("colour").get(0).asText()).isEqualTo("is not a known field");
        assertThat(shape.json().get("errors").get("clientName").get(0).asText()).isEqualTo("must be a string");
        // rules alone
        var rules = expect(400, "POST", TENANT + "/clients", admin, body(
                "clientName", " ", "accessTokenLifetime", 10, "redirectUris", List.of("#frag", "https://ok.example/"),
                "roles", List.of("No Such Role")));
        assertThat(rules.json().get("errors").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("clientName", "accessTokenLifetime", "redirectUris[0]", "roles[0]");
        var query = expect(400, "GET", TENANT + "/clients?limit=0&offset=-1", admin, null);
        assertThat(query.json().get("errors").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("limit", "offset");
        var events = expect(400, "GET", TENANT + "/events?from=yesterday&limit=501", admin, null);
        assertThat(events.json().get("errors").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("from", "limit");
        var malformed = expect(400, "PATCH", V1 + "/tenants/default", installationAdmin, "{\"enabled\": ");
        assertThat(malformed.json().has("errors")).isFalse();
        expect(400, "POST", TENANT + "/roles", admin, "[]");
    }

    @Test
    @Order(21)
    void missingOrBadTokensAre401() {
        var none = expect(401, "GET", TENANT + "/clients", null, null);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"gatehouse\"");
        expect(401, "GET", V1 + "/tenants", "not-a-token", null);
        expect(401, "POST", V1 + "/clients", admin + "x", body());
        expect(401, "DELETE", TENANT + "/users/00000000-0000-0000-0000-000000000000", null, null);
    }

    @Test
    @Order(22)
    void theWrongRoleOrTenantIs403() {
        var noRole = expect(201, "POST", TENANT + "/clients", admin,
                body("clientName", "No role", "allowedGrantTypes", List.of("client_credentials"))).json();
        String plain = server.clientCredentialsToken(noRole.get("clientId").asText(),
                noRole.get("secret").get("value").asText());
        expect(403, "GET", TENANT + "/clients", plain, null);
        expect(403, "GET", TENANT + "/events", plain, null);
        // a Tenant Administrator is no installation administrator, and has no other tenant
        expect(403, "GET", V1 + "/tenants", admin, null);
        expect(403, "POST", V1 + "/tenants", admin, body("name", "not-allowed"));
        expect(403, "GET", V1 + "/clients", admin, null);
        expect(403, "GET", V1 + "/tenants/default", admin, null);
        expect(403, "GET", V1 + "/tenants/no-such-tenant/users", admin, null);
    }

    @Test
    @Order(23)
    void unknownThingsAre404() {
        expect(404, "GET", TENANT + "/clients/no-such-client", admin, null);
        expect(404, "PATCH", TENANT + "/clients/no-such-client", admin, body());
        expect(404, "GET", TENANT + "/clients/no-such-client/secrets", admin, null);
        expect(404, "DELETE", TENANT + "/clients/gatehouse-admin/secrets/00000000-0000-0000-0000-000000000000",
                admin, null);
        expect(404, "GET", TENANT + "/users/00000000-0000-0000-0000-000000000000", admin, null);
        expect(404, "PUT", TENANT + "/users/00000000-0000-0000-0000-000000000000/password", admin,
                body("password", "a long and memorable passphrase"));
        expect(404, "GET", V1 + "/tenants/no-such-tenant/clients", installationAdmin, null);
        expect(404, "GET", V1 + "/tenants/no-such-tenant", installationAdmin, null);
        // a tenant client is not an installation client
        expect(404, "GET", V1 + "/clients/gatehouse-admin", installationAdmin, null);
    }

    @Test
    @Order(24)
    void clashesAre409() {
        expect(409, "POST", TENANT + "/clients", admin, body("clientId", "gatehouse-admin"));
        expect(409, "POST", V1 + "/clients", installationAdmin, body("clientId", "gatehouse-admin"));
        expect(409, "POST", TENANT + "/users", admin, body("email", TestServer.ADMIN_EMAIL.toUpperCase()));
        expect(409, "POST", TENANT + "/roles", admin, body("name", "skill designer"));
        expect(409, "POST", V1 + "/tenants", installationAdmin, body("name", "default"));
        expect(409, "DELETE", V1 + "/tenants/default", installationAdmin, null);

        String clientId = expect(201, "POST", TENANT + "/clients", admin, body("clientName", "Many secrets"))
                .json().get("clientId").asText();
        for (int i = 1; i < 20; i++) expect(201, "POST", TENANT + "/clients/" + clientId + "/secrets", admin, body());
        var full = expect(409, "POST", TENANT + "/clients/" + clientId + "/secrets", admin, body());
        assertThat(full.json().get("detail").asText()).contains("20");
        var other = expect(201, "POST", TENANT + "/users", admin, body("email", "other@example.com")).json();
        expect(409, "PATCH", TENANT + "/users/" + other.get("id").asText(), admin,
                body("email", TestServer.ADMIN_EMAIL));
    }

    @Test
    @Order(25)
    void bodiesOver64KiBAre413AndOtherMediaTypes415() {
        var big = body("clientName", "x".repeat(70 * 1024));
        expect(413, "POST", TENANT + "/clients", admin, big);
        String userId = expect(201, "POST", TENANT + "/users", admin, body("email", "big@example.com"))
                .json().get("id").asText();
        expect(413, "PUT", TENANT + "/users/" + userId + "/password", admin, body("password", "y".repeat(70 * 1024)));
        expect(413, "POST", V1 + "/tenants", installationAdmin, "{\"name\": \"" + "z".repeat(2 * 1024 * 1024) + "\"}");
        expectRaw(415, "POST", TENANT + "/clients", admin, "text/plain", "{}");
        expectRaw(415, "PATCH", V1 + "/tenants/default", installationAdmin, "application/x-www-form-urlencoded",
                "enabled=false");
        expectRaw(415, "POST", TENANT + "/roles", admin, null, "{\"name\":\"No type\"}");
        expectRaw(415, "POST", TENANT + "/keys/rotate", admin, "text/plain", "{\"immediate\":true}");
        expectRaw(415, "PATCH", TENANT + "/settings", admin, null, "{\"exactRedirectUris\":true}");
        expect(413, "POST", TENANT + "/keys/rotate", admin, "{\"immediate\": true, \"x\": \"" + "x".repeat(70 * 1024) + "\"}");
    }

    /**
     * Bodies the server refuses for a rule the document states as schema: both must refuse them, and the
     * server must name the offending field.
     */
    @Test
    @Order(26)
    void bodiesTheDocumentForbidsAreRefusedByTheServer() {
        record Case(String method, String path, String token, Map<String, Object> body, String field) {}
        String clients = TENANT + "/clients";
        String secrets = clients + "/gatehouse-admin/secrets";
        String users = TENANT + "/users";
        String someUser = users + "/" + expect(201, "POST", users, admin, body("email", "case@example.com"))
                .json().get("id").asText();
        String someClient = clients + "/" + expect(201, "POST", clients, admin, body("clientName", "Cases"))
                .json().get("clientId").asText();
        var cases = List.of(
                new Case("POST", clients, admin, body("colour", "red"), "colour"),
                new Case("POST", clients, admin, body("clientName", 5), "clientName"),
                new Case("POST", clients, admin, body("clientName", ""), "clientName"),
                new Case("POST", clients, admin, body("clientName", "   "), "clientName"),
                new Case("POST", clients, admin, body("enabled", null), "enabled"),
                new Case("POST", clients, admin, body("enabled", "yes"), "enabled"),
                new Case("POST", clients, admin, body("clientId", "ab"), "clientId"),
                new Case("POST", clients, admin, body("clientId", "has space"), "clientId"),
                new Case("POST", clients, admin, body("accessTokenLifetime", 59), "accessTokenLifetime"),
                new Case("POST", clients, admin, body("accessTokenLifetime", 1.5), "accessTokenLifetime"),
                new Case("POST", clients, admin, body("refreshTokenLifetime", 31_536_001), "refreshTokenLifetime"),
                new Case("POST", clients, admin, body("refreshTokenUsage", "Sometimes"), "refreshTokenUsage"),
                new Case("POST", clients, admin, body("allowedGrantTypes", List.of("implicit")), "allowedGrantTypes[0]"),
                new Case("POST", clients, admin, body("allowedScopes", List.of("openid", "admin")), "allowedScopes[1]"),
                new Case("POST", clients, admin, body("allowedScopes", "openid admin"), "allowedScopes[1]"),
                new Case("POST", clients, admin, body("allowedScopes", List.of("openid", "openid")), "allowedScopes[1]"),
                new Case("POST", clients, admin, body("allowedCorsOrigins", List.of("https://a.example/path")),
                        "allowedCorsOrigins[0]"),
                new Case("POST", clients, admin, body("redirectUris", List.of("https://a.example/", "https://a.example/")),
                        "redirectUris[1]"),
                new Case("POST", clients, admin, body("redirectUris", List.of("/relative")), "redirectUris[0]"),
                new Case("POST", clients, admin, body("redirectUris", List.of("https://a.example/" + "p".repeat(400))),
                        "redirectUris[0]"),
                new Case("POST", clients, admin, body("backChannelLogoutUri", "logout"), "backChannelLogoutUri"),
                new Case("POST", clients, admin, body("roles", "Skill User"), "roles"),
                new Case("PATCH", someClient, admin, body("created", 5), "created"),
                new Case("PUT", someClient, admin, body("warnings", "none"), "warnings"),
                new Case("POST", secrets, admin, body("value", "mine"), "value"),
                new Case("POST", secrets, admin, body("description", 7), "description"),
                new Case("POST", secrets, admin, body("description", "d".repeat(501)), "description"),
                new Case("POST", secrets, admin, body("expiration", "tomorrow"), "expiration"),
                new Case("POST", users, admin, body("displayName", "No email"), "email"),
                new Case("POST", users, admin, body("email", "not-an-email"), "email"),
                new Case("POST", users, admin, body("email", "p@example.com", "password", "too short"), "password"),
                new Case("POST", users, admin, body("email", "q@example.com", "roles", "Skill User"), "roles"),
                new Case("PATCH", someUser, admin, body("displayName", ""), "displayName"),
                new Case("PATCH", someUser, admin, body("installationAdministrator", "yes"), "installationAdministrator"),
                new Case("PUT", someUser, admin, body("hasPassword", 1), "hasPassword"),
                new Case("PUT", someUser + "/password", admin, body(), "password"),
                new Case("PUT", someUser + "/password", admin, body("password", 1234567890), "password"),
                new Case("PUT", someUser + "/password", admin, body("password", "x".repeat(257)), "password"),
                new Case("POST", TENANT + "/roles", admin, body(), "name"),
                new Case("POST", TENANT + "/roles", admin, body("name", " Leading space"), "name"),
                new Case("POST", TENANT + "/roles", admin, body("name", "Trailing space "), "name"),
                new Case("POST", TENANT + "/roles", admin, body("name", "Installation Administrator"), "name"),
                new Case("POST", TENANT + "/roles", admin, body("name", "r".repeat(101)), "name"),
                new Case("POST", TENANT + "/keys/rotate", admin, body("immediate", "yes"), "immediate"),
                new Case("POST", TENANT + "/keys/rotate", admin, body("immediate", null), "immediate"),
                new Case("POST", TENANT + "/keys/rotate", admin, body("algorithm", "ES256"), "algorithm"),
                new Case("PATCH", TENANT + "/settings", admin, body("signingAlgorithm", "HS256"), "signingAlgorithm"),
                new Case("PATCH", TENANT + "/settings", admin, body("signingAlgorithm", "es256"), "signingAlgorithm"),
                new Case("PATCH", TENANT + "/settings", admin, body("signingAlgorithm", null), "signingAlgorithm"),
                new Case("PATCH", TENANT + "/settings", admin, body("exactRedirectUris", "yes"), "exactRedirectUris"),
                new Case("PATCH", TENANT + "/settings", admin, body("signInMaxFailures", 0), "signInMaxFailures"),
                new Case("PATCH", TENANT + "/settings", admin, body("signInMaxFailures", 101), "signInMaxFailures"),
                new Case("PUT", TENANT + "/settings", admin, body("signInMaxFailures", 1.5), "signInMaxFailures"),
                new Case("PUT", TENANT + "/settings", admin, body("signInLockoutSeconds", 0), "signInLockoutSeconds"),
                new Case("PUT", TENANT + "/settings", admin, body("signInLockoutSeconds", 86_401), "signInLockoutSeconds"),
                new Case("PUT", TENANT + "/settings", admin, body("lockout", 60), "lockout"),
                new Case("POST", V1 + "/tenants", installationAdmin, body("displayName", "No name"), "name"),
                new Case("POST", V1 + "/tenants", installationAdmin, body("name", "Upper_Case"), "name"),
                new Case("POST", V1 + "/tenants", installationAdmin, body("name", "-dash"), "name"),
                new Case("POST", V1 + "/tenants", installationAdmin,
                        body("name", "0b6a1a5e-3c7d-4f0e-9a4b-2f1d8c7e6a55"), "name"),
                new Case("PATCH", V1 + "/tenants/default", installationAdmin, body("name", "renamed"), "name"),
                new Case("PATCH", V1 + "/tenants/default", installationAdmin, body("enabled", "no"), "enabled"),
                new Case("PATCH", V1 + "/tenants/default", installationAdmin, body("displayName", " "), "displayName"));
        var mismatches = new ArrayList<String>();
        for (var c : cases) {
            String what = c.method() + " " + c.path() + " " + TestServer.toJson(c.body());
            var r = call(c.method(), c.path(), c.token(), c.body());
            if (r.status() != 400) {
                mismatches.add(what + ": the server answered " + r.status() + ", not 400");
                continue;
            }
            if (!r.json().path("errors").has(c.field())) {
                mismatches.add(what + ": the errors do not name " + c.field() + ": " + r.json().path("errors"));
            }
            var documented = route(c.method(), c.path());
            if (requestProblems(documented, c.path(), TestServer.JSON.valueToTree(c.body())).isEmpty()) {
                mismatches.add(what + ": the document's request schema accepts it");
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyDocumentedOperationSucceededAndEveryErrorStatusWasSeen() {
        var missing = new ArrayList<String>();
        Set<Integer> errors = new TreeSet<>();
        forEachOperation((method, template) -> {
            String key = method.toUpperCase() + " " + template;
            var seen = answered.getOrDefault(key, Set.of());
            errors.addAll(seen.stream().filter(s -> s >= 400).toList());
            boolean succeeded = false;
            for (var it = operation(method, template).path("responses").fieldNames(); it.hasNext(); ) {
                String status = it.next();
                if (status.startsWith("2") && seen.contains(Integer.parseInt(status))) succeeded = true;
            }
            if (!succeeded) missing.add(key + " (answered " + seen + ")");
        });
        assertThat(missing).as("operations never called successfully").isEmpty();
        assertThat(errors).containsExactly(400, 401, 403, 404, 409, 413, 415);
    }

    // ---- calling the server and checking each exchange against the document

    /** Sends a request (a String body is sent as-is, anything else as JSON) and checks the exchange. */
    private Response call(String method, String path, String token, Object body) {
        Response r;
        if (body == null && method.equals("GET")) r = server.get(path, token);
        else if (body == null && method.equals("DELETE")) r = server.delete(path, token);
        else r = server.sendJson(method, path, token, body == null ? "" : body);
        JsonNode json = body == null ? null
                : body instanceof String s ? parseOrNull(s) : TestServer.JSON.valueToTree(body);
        check(method, path, json, r);
        return r;
    }

    private Response expect(int status, String method, String path, String token, Object body) {
        var r = call(method, path, token, body);
        assertThat(r.status()).as("%s %s answered %s", method, path, r).isEqualTo(status);
        return r;
    }

    /** A request with a body of any content type (null: no Content-Type header). */
    private Response expectRaw(int status, String method, String path, String token, String contentType, String body) {
        var headers = new LinkedHashMap<String, String>();
        if (token != null) headers.put("Authorization", "Bearer " + token);
        if (contentType != null) headers.put("Content-Type", contentType);
        var r = server.send(method, path, headers, body);
        check(method, path, null, r);
        assertThat(r.status()).as("%s %s answered %s", method, path, r).isEqualTo(status);
        return r;
    }

    /**
     * The exchange must match the document: the route and method are documented, the status is listed,
     * the body has the documented media type and satisfies its schema, documented headers are there and
     * valid, and a request the server accepted satisfies the documented parameters and request body.
     */
    private void check(String method, String path, JsonNode requestBody, Response r) {
        var documented = route(method, path);
        String where = method + " " + path + " -> " + r.status();
        answered.computeIfAbsent(documented.key(), k -> new TreeSet<>()).add(r.status());
        String responsePointer = documented.pointer() + "/responses/" + r.status();
        if (doc.at(responsePointer).isMissingNode()) fail(where + ": the document lists no " + r.status() + " for "
                + documented.key() + "; body " + r.body());
        var response = resolve(responsePointer);
        var content = response.node().path("content");
        if (content.isEmpty()) {
            assertThat(r.body()).as(where + ": undocumented body").isEmpty();
        } else {
            String contentType = r.header("Content-Type");
            assertThat(contentType).as(where + ": Content-Type").isNotNull();
            String media = contentType.split(";")[0].trim().toLowerCase();
            assertThat(content.has(media)).as(where + ": media type " + media + " is not documented").isTrue();
            var errors = schemaAt(response.pointer() + "/content/" + escape(media) + "/schema").validate(r.json());
            assertThat(errors).as(where + ": body " + r.body()).isEmpty();
        }
        response.node().path("headers").properties().forEach(h -> {
            var header = resolve(response.pointer() + "/headers/" + escape(h.getKey()));
            String value = r.header(h.getKey());
            if (value == null) {
                assertThat(header.node().path("required").asBoolean()).as(where + ": no " + h.getKey()).isFalse();
                return;
            }
            var errors = schemaAt(header.pointer() + "/schema").validate(parameterValue(header.pointer() + "/schema", value));
            assertThat(errors).as(where + ": header " + h.getKey() + ": " + value).isEmpty();
        });
        if (r.status() / 100 == 2) {
            assertThat(requestProblems(documented, path, requestBody)).as(where + ": the server accepted a request"
                    + " the document forbids").isEmpty();
        }
    }

    /** What is wrong with a request by the document: parameters and body. */
    private List<String> requestProblems(Route documented, String path, JsonNode body) {
        var problems = new ArrayList<String>();
        var params = parameters(documented.method(), documented.template());
        String[] segments = path.split("\\?", 2)[0].split("/");
        String[] template = documented.template().split("/");
        for (int i = 0; i < template.length; i++) {
            if (!template[i].startsWith("{")) continue;
            var p = params.get("path:" + template[i].substring(1, template[i].length() - 1));
            String name = template[i];
            String value = URLDecoder.decode(segments[i], StandardCharsets.UTF_8);
            schemaAt(p.pointer() + "/schema").validate(parameterValue(p.pointer() + "/schema", value))
                    .forEach(e -> problems.add("path " + name + ": " + e));
        }
        String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
        Set<String> given = new TreeSet<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            String[] kv = pair.split("=", 2);
            String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            given.add(name);
            var p = params.get("query:" + name);
            if (p == null) {
                problems.add("query parameter " + name + " is not documented");
            } else if (!value.isEmpty()) {
                schemaAt(p.pointer() + "/schema").validate(parameterValue(p.pointer() + "/schema", value))
                        .forEach(e -> problems.add("query " + name + ": " + e));
            }
        }
        params.forEach((key, p) -> {
            if (key.startsWith("query:") && p.node().path("required").asBoolean() && !given.contains(key.substring(6))) {
                problems.add("required query parameter " + key.substring(6) + " is missing");
            }
        });
        JsonNode op = operation(documented.method(), documented.template());
        if (op.has("requestBody")) {
            var requestBody = resolve(documented.pointer() + "/requestBody");
            if (body == null) {
                if (requestBody.node().path("required").asBoolean()) problems.add("the body is missing");
            } else {
                schemaAt(requestBody.pointer() + "/content/application~1json/schema").validate(body)
                        .forEach(e -> problems.add("body: " + e));
            }
        } else if (body != null) {
            problems.add("a body where the document takes none");
        }
        return problems;
    }

    /** A documented operation: its method (lower case), path template and JSON pointer. */
    private record Route(String method, String template) {
        String pointer() {
            return "/paths/" + escape(template) + "/" + method;
        }

        String key() {
            return method.toUpperCase() + " " + template;
        }
    }

    /** The documented operation a request reaches; fails when none or several do. */
    private Route route(String method, String path) {
        String[] segments = path.split("\\?", 2)[0].split("/", -1);
        var matches = new ArrayList<String>();
        doc.path("paths").fieldNames().forEachRemaining(template -> {
            String[] parts = template.split("/", -1);
            if (parts.length != segments.length) return;
            for (int i = 0; i < parts.length; i++) {
                boolean param = parts[i].startsWith("{") && parts[i].endsWith("}");
                if (param ? segments[i].isEmpty() : !parts[i].equals(segments[i])) return;
            }
            matches.add(template);
        });
        assertThat(matches).as("documented paths matching %s", path).hasSize(1);
        var route = new Route(method.toLowerCase(), matches.get(0));
        if (doc.at(route.pointer()).isMissingNode()) fail(method + " " + path + ": the document has no "
                + method + " for " + route.template());
        return route;
    }

    // ---- reading the document

    private record Located(String pointer, JsonNode node) {}

    /** Follows local {@code $ref}s from {@code pointer} to the node they name. */
    private Located resolve(String pointer) {
        JsonNode node = doc.at(pointer);
        for (int hops = 0; node.has("$ref") && hops < 10; hops++) {
            pointer = node.get("$ref").asText().substring(1);
            node = doc.at(pointer);
        }
        return new Located(pointer, node);
    }

    private JsonNode operation(String method, String template) {
        return doc.path("paths").path(template).path(method);
    }

    private void forEachOperation(BiConsumer<String, String> action) {
        doc.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (HTTP_METHODS.contains(method)) action.accept(method, path.getKey());
        }));
    }

    /** The parameters of an operation, path-level ones first and overridden by its own, keyed "in:name". */
    private Map<String, Located> parameters(String method, String template) {
        var result = new LinkedHashMap<String, Located>();
        String pathPointer = "/paths/" + escape(template);
        for (String list : List.of(pathPointer + "/parameters", pathPointer + "/" + method + "/parameters")) {
            JsonNode items = doc.at(list);
            for (int i = 0; i < items.size(); i++) {
                var p = resolve(list + "/" + i);
                result.put(p.node().path("in").asText() + ":" + p.node().path("name").asText(), p);
            }
        }
        return result;
    }

    /** A parameter or header value as the JSON its schema describes: a number where it is an integer. */
    private JsonNode parameterValue(String schemaPointer, String value) {
        if (resolve(schemaPointer).node().path("type").asText().equals("integer")) {
            try {
                return NODES.numberNode(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return NODES.textNode(value);
            }
        }
        return NODES.textNode(value);
    }

    /** The schema at a JSON pointer into the document; its {@code $ref}s resolve against the document. */
    private Schema schemaAt(String pointer) {
        return schemaCache.computeIfAbsent(pointer, p -> {
            ObjectNode wrapper = NODES.objectNode();
            wrapper.put("$ref", DOCUMENT_IRI + "#" + encodeFragment(p));
            return registry.getSchema(SchemaLocation.of("https://gatehouse.invalid/checked"), wrapper);
        });
    }

    /** Calls {@code visit} for every object node of the tree with its JSON pointer, skipping example values. */
    private static void walk(JsonNode node, String pointer, BiConsumer<JsonNode, String> visit) {
        if (node.isObject()) {
            visit.accept(node, pointer);
            node.properties().forEach(e -> {
                if (!e.getKey().equals("example") && !e.getKey().equals("examples")) {
                    walk(e.getValue(), pointer + "/" + escape(e.getKey()), visit);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), pointer + "/" + i, visit);
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON pointer as a URI fragment: the characters of path templates percent-encoded. */
    private static String encodeFragment(String pointer) {
        return pointer.replace("%", "%25").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20");
    }

    private static JsonNode parseOrNull(String s) {
        try {
            return TestServer.JSON.readTree(s);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
