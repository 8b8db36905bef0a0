package com.fxdesk.slv.web.surface;

import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.RateCurve;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.List;

/**
 * The canonical content of a market: every field of {@link MarketData}, its records walked by their components (so
 * a field added to a market record joins the key without anyone remembering to), doubles by their exact bits, strings
 * length-prefixed, each record and enum by its class. Two markets get equal keys only when every field is equal, so a
 * cache keyed by it never serves one market's surface for another; a type without a canonical form here fails loudly
 * instead of being left out. Length: about 20 characters per number (a 10,000-point grid ≈ 0.4 MB).
 */
public record MarketKey(String content) {

    public static MarketKey of(MarketData market) {
        StringBuilder b = new StringBuilder(512);
        append(b, market);
        return new MarketKey(b.toString());
    }

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private static void append(StringBuilder b, Object o) {
        if (o == null) {
            b.append('~');
        } else if (o instanceof Double d) {
            bits(b, d);
        } else if (o instanceof Boolean || o instanceof Integer || o instanceof Long) {
            b.append(o.getClass().getSimpleName().charAt(0)).append(o);
        } else if (o instanceof String s) {
            b.append('"').append(s.length()).append(':').append(s);
        } else if (o instanceof Enum<?> e) {
            b.append('E').append(e.getDeclaringClass().getName()).append('.').append(e.name());
        } else if (o instanceof LocalDate d) {
            b.append('D').append(d);
        } else if (o instanceof double[] a) {
            doubles(b, a);
        } else if (o instanceof double[][] a) {
            b.append('[').append(a.length).append(':');
            for (double[] row : a) {
                append(b, row);
            }
            b.append(']');
        } else if (o instanceof List<?> list) {
            b.append('L').append(list.size()).append(':');
            for (Object e : list) {
                append(b, e);
            }
            b.append(']');
        } else if (o instanceof RateCurve c) {
            b.append("C{");
            doubles(b, c.times());
            doubles(b, c.zeroRates());
            b.append('}');
        } else if (o instanceof Record r) {
            b.append('R').append(r.getClass().getName()).append('{');
            for (RecordComponent c : COMPONENTS.get(r.getClass())) {
                b.append(c.getName()).append('=');
                append(b, value(c, r));
                b.append(',');
            }
            b.append('}');
        } else {
            throw new IllegalStateException("market key: no canonical form for " + o.getClass().getName());
        }
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("market key: cannot read " + c, e);
        }
    }

    private static void doubles(StringBuilder b, double[] a) {
        b.append('d').append(a.length).append(':');
        for (double x : a) {
            bits(b, x);
        }
        b.append(';');
    }

    /** The exact bits: 0.1 and 0.1 + 1e-17 that differ in the last place are different markets. */
    private static void bits(StringBuilder b, double x) {
        b.append(Long.toHexString(Double.doubleToLongBits(x))).append(',');
    }
}
