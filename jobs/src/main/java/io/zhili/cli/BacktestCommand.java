package io.zhili.cli;

import io.zhili.jobs.hotspots.ForecastBacktest;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zhili backtest}: the forecast backtest against seasonal-naive (contract: docs/CONTRACTS.md, "zhili backtest"). */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Backtest of the hotspots forecast: fit on the 11 months before --holdout, forecast the held-out "
                + "month per base cell x category, score against its actual counts and the seasonal-naive baseline.")
public final class BacktestCommand implements Callable<Integer> {
    @Option(names = "--components", required = true, paramLabel = "PATH", description = "Components: CSV or Parquet file, or a directory of either.")
    Path components;

    @Option(names = "--cases", required = true, paramLabel = "PATH", description = "Cases: CSV or Parquet file, or a directory of either.")
    Path cases;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Working directory: fit/, holdout/ and backtest.json.")
    Path out;

    @Option(names = "--areas", paramLabel = "GEOJSON", description = "Areas layer, handed to both hotspots runs.")
    Path areas;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Class catalog CSV, handed to both hotspots runs.")
    Path catalog;

    @Option(names = "--holdout", defaultValue = "2025-12", paramLabel = "YYYY-MM",
            description = "The held-out month (default: ${DEFAULT-VALUE}); the 11 months before it are fitted.")
    YearMonth holdout;

    @Option(names = "--top", defaultValue = "50,100", split = ",", paramLabel = "K",
            description = "k of the top-k cell hit rates of category ALL (default: ${DEFAULT-VALUE}).")
    int[] top;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism of the hotspots runs.")
    Integer parallelism;

    @Override
    public Integer call() throws Exception {
        if (parallelism != null && parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1");
        }
        Map<String, Object> s = new ForecastBacktest(components, cases, areas, out, holdout, top, parallelism, catalog).run();
        for (String section : new String[] {"all_categories", "category_ALL"}) {
            Map<?, ?> e = (Map<?, ?>) s.get(section);
            System.out.printf("backtest %s: %s series, MAE %.4f (naive %.4f), RMSE %.4f (naive %.4f), "
                    + "90%% interval coverage %.3f%n", section, e.get("series"), e.get("mae_forecast"), e.get("mae_naive"),
                    e.get("rmse_forecast"), e.get("rmse_naive"), e.get("coverage_90"));
        }
        Map<?, ?> topK = (Map<?, ?>) s.get("top_k_ALL");
        topK.forEach((k, v) -> System.out.printf("backtest top-%s cells (ALL): hit rate %.2f (naive %.2f)%n", k,
                ((Map<?, ?>) v).get("forecast"), ((Map<?, ?>) v).get("naive")));
        System.out.printf("backtest: %s in %s (%s ms)%n", holdout, out.resolve("backtest.json"), s.get("runs_ms"));
        return 0;
    }
}
