package com.fxdesk.slv.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * How results are kept in the store: their JSON, deflated. A default 5-year calibration's JSON is about 3 MB (the
 * leverage grid as decimal text); deflating it at the fastest level takes a few tens of milliseconds once per job
 * and shrinks what every store member keeps, backs up and sends to each GET.
 */
final class ResultCodec {
    private ResultCodec() {
    }

    static byte[] encode(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, json.length / 3));
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater, 64 * 1024)) {
            z.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    static byte[] decode(byte[] stored) {
        try (InputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(stored), new java.util.zip.Inflater(), 64 * 1024)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
