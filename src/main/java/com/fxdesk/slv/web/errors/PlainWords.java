package com.fxdesk.slv.web.errors;

import java.util.regex.Pattern;

/**
 * Error details in plain words: library messages name their own classes and settings
 * ("from `StreamReadConstraints.getMaxNestingDepth()`") and engine messages their internal parameters
 * ("invalid SVI parameters … b=Infinity"); neither helps a client and both reveal internals. What the client can act
 * on (the field, the rule) is kept.
 */
final class PlainWords {
    /** A library's hint at its own setting: "(1000, from `StreamReadConstraints.getMaxNestingDepth()`)". */
    private static final Pattern FROM_SETTING = Pattern.compile(",?\\s*from `[^`]*`");
    /** Any other back-quoted code reference: `com.example.Type`, `getX()`. */
    private static final Pattern CODE = Pattern.compile("`[^`]*(\\(\\)|\\.[A-Z])[^`]*`");
    /** A fully qualified Java class name. */
    private static final Pattern CLASS = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*");
    /** Engine internals: non-finite intermediates or named model parameters with values. */
    private static final Pattern INTERNALS = Pattern.compile(
            "NaN|Infinity|\\b(?:a|b|rho|m|sigma|kappa|theta|xi|v0)=[-+0-9.eE]");
    /** The part of an engine message that names where (mapped to a field): "pillar 6M: ", "grid expiry 0.5: ". */
    private static final Pattern WHERE = Pattern.compile("^((?:pillar|grid expiry) [^:]+:\\s*)");

    private PlainWords() {
    }

    /** A library message without references to its own code. */
    static String of(String message) {
        if (message == null) {
            return "";
        }
        String s = FROM_SETTING.matcher(message).replaceAll("");
        s = CODE.matcher(s).replaceAll("a value");
        return CLASS.matcher(s).replaceAll("a value").trim();
    }

    /** An engine refusal in plain words: internals replaced by what they mean for the client. */
    static String engine(String message) {
        if (message == null || message.isBlank()) {
            return "the input cannot be used by the model";
        }
        if (!INTERNALS.matcher(message).find()) {
            return of(message);
        }
        var where = WHERE.matcher(message);
        String prefix = where.find() ? where.group(1) : "";
        return prefix + "the market data are too extreme for the model: a calculation step would not give a "
                + "finite number (check vols, rates and expiries)";
    }
}
