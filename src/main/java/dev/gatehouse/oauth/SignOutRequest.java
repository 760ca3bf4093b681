package dev.gatehouse.oauth;

import java.util.Map;

/**
 * A logout the sign-in pages are to carry out. {@code hintSid} is the {@code sid} of a valid
 * {@code id_token_hint} (null without one): a logout for the browser's own session needs no
 * confirmation. {@code redirectTo} is the client's registered post-logout address with {@code state},
 * or null for the signed-out page. {@code confirmed} is true for a posted confirmation form, whose
 * CSRF token must then match. A confirmation page posts {@code carried} back to {@code confirmAction},
 * naming the hint's client ({@code clientName}) when there is one.
 */
public record SignOutRequest(String hintSid, String redirectTo, boolean confirmed, String confirmAction,
                             Map<String, String> carried, String clientName) {
    public SignOutRequest {
        carried = Map.copyOf(carried);
    }

    /** The sign-out button of Gatehouse's own pages. */
    public static SignOutRequest signOutButton() {
        return new SignOutRequest(null, null, true, null, Map.of(), null);
    }
}
