package dev.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP client that behaves like a browser for the sign-in pages: it keeps cookies and follows
 * redirects within Gatehouse, and stops at the first redirect that leaves it (the answer to the client).
 */
public final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

    private final String base;
    /** The node this browser sends to; the base URL unless {@link #at} chose another node. */
    private final String address;
    private final CookieManager cookies;
    private final HttpClient http;
    /** Where the last redirect out of Gatehouse pointed, if the last navigation ended in one. */
    private String leftFor;

    public Browser(TestServer server) {
        this(server.baseUrl(), server.address(), new CookieManager());
    }

    private Browser(String base, String address, CookieManager cookies) {
        this.base = base;
        this.address = address;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The same browser, cookies and all, now talking to another node of the installation. */
    public Browser at(TestServer node) {
        return new Browser(base, node.address(), cookies);
    }

    public CookieManager cookies() {
        return cookies;
    }

    /** GET and follow redirects inside Gatehouse. */
    public TestServer.Response open(String pathOrUrl) {
        return follow(send(HttpRequest.newBuilder(uri(pathOrUrl)).GET()));
    }

    /** A form POST and follow redirects inside Gatehouse. */
    public TestServer.Response submit(String path, Map<String, String> form) {
        return follow(post(path, form));
    }

    /** A form POST, not followed. */
    public TestServer.Response post(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.form(form))));
    }

    /** A GET, not followed. */
    public TestServer.Response get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    /** Submits the page's form: its CSRF token plus the given fields. */
    public TestServer.Response submitForm(TestServer.Response page, String path, String... fields) {
        var form = new LinkedHashMap<String, String>();
        form.put("csrf", csrf(page));
        for (int i = 0; i < fields.length; i += 2) form.put(fields[i], fields[i + 1]);
        return submit(path, form);
    }

    public TestServer.Response follow(TestServer.Response r) {
        leftFor = null;
        int hops = 0;
        while (r.status() >= 300 && r.status() < 400 && r.header("Location") != null) {
            String location = r.header("Location");
            if (!location.startsWith("/") && !location.startsWith(base + "/")) {
                leftFor = location;
                return r;
            }
            if (++hops > 10) throw new AssertionError("too many redirects");
            r = get(location);
        }
        return r;
    }

    /** The address the last navigation left Gatehouse for (the client's redirect URI with the answer). */
    public String leftFor() {
        return leftFor;
    }

    public static String csrf(TestServer.Response page) {
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) throw new AssertionError("no CSRF token on the page: " + page.body());
        return m.group(1);
    }

    /** The query parameters of a URL, decoded. */
    public static Map<String, String> query(String url) {
        var out = new LinkedHashMap<String, String>();
        String q = URI.create(url).getRawQuery();
        if (q == null) return out;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private URI uri(String pathOrUrl) {
        if (pathOrUrl.startsWith(base + "/")) pathOrUrl = pathOrUrl.substring(base.length());
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : address + pathOrUrl);
    }

    private TestServer.Response send(HttpRequest.Builder b) {
        try {
            var r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new TestServer.Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
