package com.fxdesk.slv.web.errors;

import java.util.ArrayList;
import java.util.List;

/** Collects every rule a request breaks (not just the first), each with its field path. */
public final class Violations {
    private final List<FieldViolation> list = new ArrayList<>();

    public void add(String field, String message) {
        list.add(new FieldViolation(field, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public List<FieldViolation> list() {
        return List.copyOf(list);
    }

    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new InvalidInputException(list);
        }
    }

    /** Required value present. */
    public boolean required(String field, Object value) {
        if (value == null) {
            add(field, "is required");
            return false;
        }
        return true;
    }

    /** Present, finite; returns false (and records) otherwise. */
    public boolean finite(String field, Double value) {
        if (!required(field, value)) {
            return false;
        }
        if (!Double.isFinite(value)) {
            add(field, "must be a finite number");
            return false;
        }
        return true;
    }

    public boolean positive(String field, Double value) {
        if (!finite(field, value)) {
            return false;
        }
        if (!(value > 0)) {
            add(field, "must be > 0");
            return false;
        }
        return true;
    }

    /** lo ≤ value ≤ hi (or lo &lt; value when loExclusive). */
    public boolean range(String field, Double value, double lo, boolean loExclusive, double hi) {
        if (!finite(field, value)) {
            return false;
        }
        boolean ok = (loExclusive ? value > lo : value >= lo) && value <= hi;
        if (!ok) {
            add(field, "must be in " + (loExclusive ? "(" : "[") + fmt(lo) + ", " + fmt(hi) + "]");
        }
        return ok;
    }

    /** Optional integer in [lo, hi]. */
    public boolean intRange(String field, Integer value, long lo, long hi) {
        if (value == null) {
            return true;
        }
        if (value < lo || value > hi) {
            add(field, "must be between " + lo + " and " + hi);
            return false;
        }
        return true;
    }

    /** Non-empty list of at most max elements. */
    public boolean list(String field, List<?> values, int max) {
        if (!required(field, values)) {
            return false;
        }
        if (values.isEmpty()) {
            add(field, "must not be empty");
            return false;
        }
        if (values.size() > max) {
            add(field, "has " + values.size() + " elements; the limit is " + max);
            return false;
        }
        return true;
    }

    /** Every element finite (and &gt; 0 if positive) and, if increasing, strictly increasing. */
    public boolean numbers(String field, List<Double> values, boolean positive, boolean increasing) {
        boolean ok = true;
        Double prev = null;
        for (int i = 0; i < values.size(); i++) {
            String f = field + "[" + i + "]";
            Double v = values.get(i);
            boolean elementOk = positive ? positive(f, v) : finite(f, v);
            if (!elementOk) {
                ok = false;
                prev = null;
                continue;
            }
            if (increasing && prev != null && !(v > prev)) {
                add(f, "must be greater than the previous element (" + fmt(prev) + "): values must be strictly increasing");
                ok = false;
            }
            prev = v;
        }
        return ok;
    }

    public static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
