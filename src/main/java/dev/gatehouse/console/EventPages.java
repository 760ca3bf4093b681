package dev.gatehouse.console;

import dev.gatehouse.console.Console.Action;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

import java.util.function.Function;

public final class EventPages {
    void register(RoutesConfig r, Function<Action, Handler> guard) {
    }
}
