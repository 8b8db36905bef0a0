package com.fxdesk.slv.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The client of the current request: the API key's client id, or a JWT's subject. Jobs belong to it. Both kinds
 * share one namespace: a token whose subject equals a key's client id is the same client.
 */
public final class Clients {
    private Clients() {
    }

    /** The authenticated client of this request thread; never null on a secured endpoint. */
    public static String current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated() || a.getName() == null) {
            throw new IllegalStateException("no authenticated client on this request");
        }
        return a.getName();
    }
}
