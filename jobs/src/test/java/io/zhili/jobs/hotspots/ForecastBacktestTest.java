package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.datasets.QingdaoGenerator;
import io.zhili.datasets.Scale;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecast backtest on the small generated year (fit January–November, hold out December) on a
 * MiniCluster: the forecast beats seasonal naive on MAE over every cell × category, and its 90 % interval
 * covers a sane share of the actual counts.
 */
class ForecastBacktestTest {
    @TempDir
    Path dir;

    @Test
    void beatsSeasonalNaiveWithCalibratedIntervals() throws Exception {
        Path data = dir.resolve("data");
        QingdaoGenerator.generate(data, Scale.SMALL, 20251L, 2, new PrintStream(new ByteArrayOutputStream()));
        Map<String, Object> s = new ForecastBacktest(data.resolve("parquet/components"), data.resolve("parquet/cases"),
                null, dir.resolve("bt"), YearMonth.of(2025, 12), new int[] {50, 100}, 2, null).run();
        assertTrue(Files.exists(dir.resolve("bt/backtest.json")));
        for (String section : new String[] {"all_categories", "category_ALL"}) {
            Map<?, ?> e = (Map<?, ?>) s.get(section);
            double mae = ((Number) e.get("mae_forecast")).doubleValue();
            double naive = ((Number) e.get("mae_naive")).doubleValue();
            assertTrue(mae < naive, section + ": MAE " + mae + " vs naive " + naive);
            double coverage = ((Number) e.get("coverage_90")).doubleValue();
            assertTrue(coverage >= 0.85 && coverage <= 0.995, section + ": coverage " + coverage);
            assertTrue(((Number) e.get("series")).intValue() > 1000, section + ": " + e.get("series"));
        }
        assertEquals(2, ((Map<?, ?>) s.get("top_k_ALL")).size());
    }
}
