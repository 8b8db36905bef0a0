package com.fxdesk.slv.web.errors;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns Jackson 3 read errors into a field path ({@code market.volatility.quotes.pillars[3].rr25}) and a message
 * a client can act on. Jackson's own messages name Java classes; these name JSON types and allowed values.
 */
final class JacksonErrors {

    private JacksonErrors() {
    }

    static FieldViolation describe(JacksonException e) {
        String path = pathOf(e);
        if (e instanceof UnrecognizedPropertyException u) {
            return new FieldViolation(path, "unknown field; allowed: " + known(u.getKnownPropertyIds()));
        }
        if (e instanceof PropertyBindingException p) {
            return new FieldViolation(path, "field not allowed here");
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return new FieldViolation(path, "invalid value '" + f.getValue() + "'; allowed values: "
                    + enumValues(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException m) {
            Class<?> target = m.getTargetType();
            if (target != null && target.isEnum()) {
                return new FieldViolation(path, "must be one of " + enumValues(target));
            }
            if (target != null) {
                return new FieldViolation(path, "wrong type: expected " + jsonType(target));
            }
            return new FieldViolation(path, "wrong type or structure: " + firstLine(e.getOriginalMessage()));
        }
        if (e instanceof InputCoercionException c) {
            return new FieldViolation(path, "number out of range of " + jsonType(c.getTargetType()));
        }
        if (e instanceof StreamReadException) {
            TokenStreamLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return new FieldViolation(path, "malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        }
        return new FieldViolation(path, "unreadable value: " + firstLine(e.getOriginalMessage()));
    }

    /** Path from the databind reference chain, or, for parse errors, from the parser's context stack. */
    static String pathOf(JacksonException e) {
        if (e instanceof StreamReadException && e.processor() instanceof JsonParser p) {
            // a parse error: databind's chain stops at the enclosing object, the parser knows the property
            String ctx = contextPath(p.streamReadContext());
            if (!ctx.isEmpty()) {
                return ctx;
            }
        }
        List<JacksonException.Reference> refs = e.getPath();
        if (refs != null && !refs.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (JacksonException.Reference r : refs) {
                if (r.getPropertyName() != null) {
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(r.getPropertyName());
                } else if (r.getIndex() >= 0) {
                    sb.append('[').append(r.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        if (e.processor() instanceof JsonParser p) {
            return contextPath(p.streamReadContext());
        }
        return "";
    }

    private static String contextPath(TokenStreamContext ctx) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (TokenStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.inObject() && c.currentName() != null) {
                parts.push("." + c.currentName());
            }
        }
        String s = String.join("", parts);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    static String enumValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "" : ids.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }

    private static String jsonType(Class<?> t) {
        if (t == null) {
            return "a value";
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            return "a number";
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class || t == short.class) {
            return "an integer";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t == java.time.LocalDate.class) {
            return "a date (yyyy-MM-dd)";
        }
        if (t.isArray() || Collection.class.isAssignableFrom(t)) {
            return "an array";
        }
        return "an object";
    }

    /** Jackson's "[Source: REDACTED (`StreamReadFeature…` disabled); line: 1, column: 1]" location fragments. */
    private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile(
            "\\s*\\((?:start marker at )?\\[Source:[^\\]]*\\]\\)|\\s*(?:at )?\\[Source:[^\\]]*\\]");

    /** The first line of a parser message without its internal location fragments (the caller adds its own). */
    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return PlainWords.of(SOURCE.matcher(line).replaceAll("").trim());
    }
}
