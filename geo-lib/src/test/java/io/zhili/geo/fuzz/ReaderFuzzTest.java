package io.zhili.geo.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zhili.geo.geojson.Feature;
import io.zhili.geo.geojson.GeoJsonException;
import io.zhili.geo.geojson.GeoJsonReader;
import io.zhili.geo.jt808.Jt808Decoder;
import io.zhili.geo.jt808.Jt808Encoder;
import io.zhili.geo.jt808.Jt808Version;
import io.zhili.geo.jt808.TerminalRegistry;
import io.zhili.geo.trucks.DecodeOutcome;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsJsonWriter;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.LidState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The readers of GPS JSON, JT/T 808 frames and GeoJSON layers fed 100 000 seeded mutations of valid
 * records each: every record is accepted or refused with a reason (the ledger adds up), and nothing is
 * thrown past the reader but its documented refusal.
 */
class ReaderFuzzTest {
    static final int RECORDS = 100_000;

    private static List<GpsPoint> points() {
        List<GpsPoint> points = new ArrayList<>();
        long ts = 1_763_998_200_000L;
        for (int i = 0; i < 16; i++) {
            points.add(new GpsPoint("鲁B" + (12_345 + i), ts + i * 17_000L, 120.38 + i * 0.001, 36.07 - i * 0.0007,
                    i * 3.5, (i * 37) % 360, LidState.values()[i % LidState.values().length], i % 3 == 0 ? Double.NaN : i * 1.5));
        }
        return points;
    }

    /** Accepted, refused; fails the test on anything thrown. */
    private static long[] ledger(List<byte[]> records, java.util.function.Function<byte[], DecodeOutcome> reader) {
        long accepted = 0;
        long refused = 0;
        for (byte[] r : records) {
            DecodeOutcome o;
            try {
                o = reader.apply(r);
            } catch (RuntimeException e) {
                throw new AssertionError("thrown past the reader for " + HexFormat.of().formatHex(r), e);
            }
            assertNotNull(o);
            if (o.ok()) {
                assertNotNull(o.point());
                accepted++;
            } else {
                assertNotNull(o.reason(), "a refusal without a reason");
                refused++;
            }
        }
        assertEquals(records.size(), accepted + refused);
        return new long[] {accepted, refused};
    }

    @Test
    void gpsJsonLedgerAddsUpUnderMutation() {
        List<byte[]> valid = new ArrayList<>();
        for (GpsPoint p : points()) {
            valid.add(GpsJsonWriter.toJson(p).getBytes(StandardCharsets.UTF_8));
        }
        Mutator m = new Mutator(14);
        List<byte[]> records = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            records.add(m.mutate(valid.get(m.nextInt(valid.size()))));
        }
        long[] l = ledger(records, r -> GpsJsonParser.parse(r, 0, r.length));
        // Some mutations keep a usable record (a digit changed), most do not: both sides are exercised.
        assertTrue(l[0] > 1_000 && l[1] > 50_000, "accepted " + l[0] + ", refused " + l[1]);
    }

    @Test
    void jt808LedgerAddsUpUnderMutation() {
        Jt808Encoder encoder = new Jt808Encoder();
        List<byte[]> valid = new ArrayList<>();
        int serial = 0;
        for (GpsPoint p : points()) {
            for (Jt808Version v : Jt808Version.values()) {
                valid.add(encoder.encodeLocation(p, 13_912_345_678L, serial++, v));
            }
        }
        valid.add(encoder.encodeHeartbeat(13_912_345_678L, 1, Jt808Version.V2019));
        Jt808Decoder decoder = new Jt808Decoder(TerminalRegistry.of(Map.of("13912345678", "鲁B12345")));
        Mutator m = new Mutator(808);
        List<byte[]> frames = new ArrayList<>(RECORDS);
        List<byte[]> hex = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            byte[] frame = valid.get(m.nextInt(valid.size()));
            if (i % 10 == 0) {
                // Hex lines (--format jt808 reads a hex line per record) mutated as text.
                hex.add(m.mutate(Jt808Encoder.hex(frame).getBytes(StandardCharsets.US_ASCII)));
            } else {
                frames.add(m.mutate(frame));
            }
        }
        long[] binary = ledger(frames, decoder::decode);
        long[] text = ledger(hex, r -> decoder.decodeHex(new String(r, StandardCharsets.ISO_8859_1)));
        assertEquals(RECORDS, frames.size() + hex.size());
        // The check code refuses nearly every mutated frame; an unmutated-in-effect one still decodes.
        assertTrue(binary[1] > 80_000 && text[1] > 8_000, "refused " + binary[1] + " frames, " + text[1] + " hex lines");
    }

    @Test
    void geoJsonLayerLedgerAddsUpUnderMutation() throws Exception {
        String layer = "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"id\":\"d1\",\"properties\":{\"area_id\":\"370202\",\"level\":\"DISTRICT\",\"name\":\"市南区\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.30,36.05],[120.42,36.05],[120.42,36.12],[120.30,36.12],[120.30,36.05]]]}},"
                + "{\"type\":\"Feature\",\"properties\":{\"route_id\":\"R1\",\"width_m\":50},"
                + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[120.38,36.07],[120.39,36.08],[120.40,36.081]]}},"
                + "{\"type\":\"Feature\",\"properties\":{\"site_id\":\"S1\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.381,36.071]}}"
                + "]}";
        byte[] valid = layer.getBytes(StandardCharsets.UTF_8);
        assertEquals(3, GeoJsonReader.read(new ByteArrayInputStream(valid), "layer").size());
        Mutator m = new Mutator(7946);
        long loaded = 0;
        long refused = 0;
        long features = 0;
        for (int i = 0; i < RECORDS; i++) {
            byte[] doc = m.mutate(valid);
            try {
                List<Feature> read = GeoJsonReader.read(new ByteArrayInputStream(doc), "layer-" + i);
                features += read.size();
                loaded++;
            } catch (GeoJsonException e) {
                // The documented refusal: one line naming the source.
                assertTrue(e.getMessage().startsWith("layer-" + i) && !e.getMessage().contains("\n"), e.getMessage());
                refused++;
            } catch (Exception e) {
                fail("thrown past the reader for " + new String(doc, StandardCharsets.UTF_8), e);
            }
        }
        assertEquals(RECORDS, loaded + refused);
        assertTrue(loaded > 1_000 && refused > 50_000 && features >= loaded, "loaded " + loaded + ", refused " + refused);
    }
}
