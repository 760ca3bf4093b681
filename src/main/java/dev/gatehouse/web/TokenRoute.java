package dev.gatehouse.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.crypto.SigningThreads;
import dev.gatehouse.oauth.FormParameters;
import dev.gatehouse.oauth.OAuthError;
import dev.gatehouse.oauth.TokenEndpoint;
import dev.gatehouse.store.MemoryOnly;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token endpoint, POST /auth2/connect/token and /auth2/{tenant}/connect/token, on Jetty's own
 * request API in front of the servlet that serves everything else. A client_credentials request goes
 * from Jetty's selector straight to a {@link SigningThreads signing thread}, which authenticates the
 * client, signs and answers from memory: no servlet layer, no virtual thread, and one wait in one
 * first-come-first-served queue. If it needs the database after all (a client not cached yet), it
 * starts over on a virtual thread ({@link MemoryOnly}), where every other token request runs too.
 *
 * <p>This handler tells Jetty it never blocks, so Jetty parses every request on its selector and
 * leaves the choice of thread to it: requests for other addresses go to the servlet on a virtual
 * thread each, as Jetty would have sent them.
 */
final class TokenRoute extends Handler.Wrapper {
    private static final Logger log = LoggerFactory.getLogger(TokenRoute.class);
    /** Javalin's matching: one path segment names the tenant, a trailing slash is ignored. */
    private static final Pattern PATH = Pattern.compile("/auth2(?:/([^/]+))?/connect/token/?");
    private static final String ROUTE = "/auth2/connect/token";
    private static final String TENANT_ROUTE = "/auth2/{tenant}/connect/token";
    /** A token request is a few short parameters; anything near these limits is not one. */
    private static final int MAX_FORM_BYTES = 64 * 1024;
    private static final int MAX_FORM_FIELDS = 64;
    private static final OAuthError WRONG_METHOD =
            new OAuthError("invalid_request", "the token endpoint takes POST", HttpStatus.METHOD_NOT_ALLOWED_405, false);

    private final TokenEndpoint endpoint;
    private final Executor virtualThreads;
    private final SecurityHeaders securityHeaders;
    private final Cors cors;
    private final RequestLog requestLog;
    private final ObjectMapper json;
    private final Counter memoryMisses;
    /** The answer to a failure nobody expected, made up front so that sending it cannot fail too. */
    private final byte[] serverError;

    TokenRoute(TokenEndpoint endpoint, Executor virtualThreads, SecurityHeaders securityHeaders, Cors cors,
               RequestLog requestLog, ObjectMapper json, MeterRegistry metrics) {
        this.endpoint = endpoint;
        this.virtualThreads = virtualThreads;
        this.securityHeaders = securityHeaders;
        this.cors = cors;
        this.requestLog = requestLog;
        this.json = json;
        this.memoryMisses = Counter.builder("gatehouse.token.memory.misses")
                .description("client_credentials requests that needed the database and started over on a virtual thread")
                .register(metrics);
        this.serverError = toJson(ErrorMapping.oauthBody(ErrorMapping.SERVER_ERROR));
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /** Runs on Jetty's selector: only matches, reads the form as it arrives, and hands the request on. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String pathInContext = Request.getPathInContext(request);
        Matcher path = PATH.matcher(pathInContext);
        if (!path.matches() || method.equals("OPTIONS")) { // a CORS preflight is the servlet's
            virtualThreads.execute(() -> servlet(request, response, callback));
            return true;
        }
        var exchange = new Exchange(request, response, callback, pathInContext, Optional.ofNullable(path.group(1)),
                System.nanoTime());
        OAuthError refusal = method.equals("POST") ? refusal(request) : WRONG_METHOD;
        Charset charset = refusal == null ? charset(request) : null;
        if (refusal == null && charset == null) refusal = OAuthError.invalidRequest("the body's charset is not supported");
        if (refusal != null) {
            OAuthError refused = refusal;
            virtualThreads.execute(step(exchange, () -> send(exchange, error(exchange, refused))));
            return true;
        }
        // Non-blocking: the form's continuation only hands the request on, wherever it runs.
        FormFields.onFields(request, charset, MAX_FORM_FIELDS, MAX_FORM_BYTES,
                Promise.Invocable.from(InvocationType.NON_BLOCKING, (Fields fields, Throwable failure) -> {
            if (failure != null) {
                virtualThreads.execute(step(exchange, () -> send(exchange, error(exchange, formError(failure)))));
            } else if ("client_credentials".equals(fields.getValue("grant_type"))) {
                SigningThreads.execute(step(exchange, () -> fromMemory(exchange, fields)));
            } else {
                virtualThreads.execute(step(exchange, () -> send(exchange, answer(exchange, fields))));
            }
        }));
        return true;
    }

    private void servlet(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) Response.writeError(request, response, callback, 404);
        } catch (Throwable e) {
            // The servlet maps its own failures; this is one it could not. The answer names no exception.
            log.error("unexpected failure handling {} outside the routes", request.getMethod(), e);
            Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
        }
    }

    /** One step of an exchange, on the thread it was handed to: a failure nobody expected still ends it. */
    private Runnable step(Exchange exchange, Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (Throwable e) {
                log.error("unexpected failure handling {} {}", exchange.request.getMethod(), exchange.route(), e);
                try {
                    var headers = new ArrayList<String>();
                    securityHeaders.apply(exchange.path, into(headers));
                    send(exchange, new Reply(500, serverError, headers));
                } catch (Throwable again) {
                    exchange.callback.failed(e);
                }
            }
        };
    }

    /** On a signing thread: the whole request from memory, or, the moment it needs the database, again on a virtual thread. */
    private void fromMemory(Exchange exchange, Fields fields) {
        Reply reply;
        try {
            reply = MemoryOnly.call(() -> answer(exchange, fields));
        } catch (MemoryOnly.NeedsDatabase e) {
            memoryMisses.increment();
            virtualThreads.execute(step(exchange, () -> send(exchange, answer(exchange, fields))));
            return;
        }
        send(exchange, reply);
    }

    /** The token request's answer, success or RFC 6749 error, with every header it needs. */
    private Reply answer(Exchange exchange, Fields fields) {
        // The headers first: a CORS lookup that needs the database ends a memory-only attempt before it signs.
        List<String> headers = headers(exchange);
        try {
            var params = new FormParameters(asMap(fields));
            String authorization = exchange.request.getHeaders().get(HttpHeader.AUTHORIZATION);
            var token = endpoint.handle(params, authorization, exchange.tenant, Request.getRemoteAddr(exchange.request));
            return new Reply(200, toJson(token), headers);
        } catch (OAuthError e) {
            return error(e, headers);
        } catch (MemoryOnly.NeedsDatabase e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("unexpected failure handling POST {}", exchange.route(), e);
            return error(ErrorMapping.SERVER_ERROR, headers);
        }
    }

    private Reply error(Exchange exchange, OAuthError e) {
        return error(e, headers(exchange));
    }

    private Reply error(OAuthError e, List<String> headers) {
        if (e.basicChallenge()) {
            headers.add("WWW-Authenticate");
            headers.add(ErrorMapping.BASIC_CHALLENGE);
        }
        if (e.status() == HttpStatus.METHOD_NOT_ALLOWED_405) {
            headers.add("Allow");
            headers.add("POST, OPTIONS");
        }
        return new Reply(e.status(), toJson(ErrorMapping.oauthBody(e)), headers);
    }

    /** The security and CORS headers of the answer, as name, value, name, value... */
    private List<String> headers(Exchange exchange) {
        var headers = new ArrayList<String>(24);
        securityHeaders.apply(exchange.path, into(headers));
        cors.apply(exchange.path, exchange.request.getHeaders().get(HttpHeader.ORIGIN), into(headers));
        return headers;
    }

    private static BiConsumer<String, String> into(List<String> headers) {
        return (name, value) -> {
            headers.add(name);
            headers.add(value);
        };
    }

    private byte[] toJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is refused before the body is read: as the servlet's routes refuse it. */
    private static OAuthError refusal(Request request) {
        if (request.getHttpURI().toString().toLowerCase(Locale.ROOT).contains("%00")) {
            return OAuthError.invalidRequest("the address contains U+0000");
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return OAuthError.invalidRequest("the body must be application/x-www-form-urlencoded");
        }
        return null;
    }

    /** The charset the Content-Type names (UTF-8 when it names none); null for one this JVM does not know. */
    private static Charset charset(Request request) {
        try {
            return FormFields.getFormEncodedCharset(request);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static OAuthError formError(Throwable failure) {
        Throwable cause = failure.getCause() != null && !(failure instanceof HttpException) ? failure.getCause() : failure;
        if (cause instanceof HttpException e && e.getCode() == HttpStatus.PAYLOAD_TOO_LARGE_413) {
            return new OAuthError("invalid_request", "the request body is too large", 413, false);
        }
        return OAuthError.invalidRequest("the body is not a valid form");
    }

    private static Map<String, List<String>> asMap(Fields fields) {
        var map = new LinkedHashMap<String, List<String>>();
        for (Fields.Field field : fields) map.put(field.getName(), field.getValues());
        return map;
    }

    private void send(Exchange exchange, Reply reply) {
        Response response = exchange.response;
        response.setStatus(reply.status);
        var fields = response.getHeaders();
        for (int i = 0; i < reply.headers.size(); i += 2) fields.put(reply.headers.get(i), reply.headers.get(i + 1));
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        requestLog.record("POST", exchange.route(), reply.status, exchange.started);
        // Last: the write completes the exchange, and nothing may fail after it.
        response.write(true, ByteBuffer.wrap(reply.body), exchange.callback);
    }

    private record Reply(int status, byte[] body, List<String> headers) {}

    private record Exchange(Request request, Response response, Callback callback, String path,
                            Optional<String> tenant, long started) {
        String route() {
            return tenant.isPresent() ? TENANT_ROUTE : ROUTE;
        }
    }
}
