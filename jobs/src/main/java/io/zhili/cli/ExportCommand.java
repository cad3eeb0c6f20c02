package io.zhili.cli;

import io.zhili.geo.export.TableExport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zhili export}: one output table of a run as GeoPackage or FlatGeobuf for desktop GIS that cannot
 * read GeoParquet (Debian's GDAL 3.6 and so QGIS there, GeoPandas without pyarrow); see {@link TableExport}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export one output table of a run (e.g. hotspot_cells, all partitions) as GeoPackage or FlatGeobuf.")
public final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The --out directory of a run (zhili hotspots or trucks).")
    Path from;

    @Option(names = "--table", required = true, paramLabel = "NAME",
            description = "Table folder under --from: hotspot_cells, emerging, time_profile, area_summary, alerts, ...")
    String table;

    @Option(names = "--format", required = true, paramLabel = "gpkg|fgb", description = "gpkg (GeoPackage) or fgb (FlatGeobuf).")
    String format;

    @Option(names = "--where", paramLabel = "COLUMN=VALUE",
            description = "Keep rows where COLUMN=VALUE (also !=, <, <=, >, >= on numbers, timestamps and dates); repeatable, "
                    + "all must hold. VALUE is literal: no quotes, no expressions.")
    List<String> where = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write (replaced when it exists).")
    Path out;

    @Override
    public Integer call() throws Exception {
        TableExport.Format f;
        try {
            f = TableExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be gpkg or fgb, not '" + format + "'");
        }
        TableExport.Summary s;
        try {
            s = TableExport.export(from, table, f, where, out);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        spec.commandLine().getOut().printf("export: %s of %s → %s: %d of %d rows, %d columns, %s, EPSG:%d%n", table, from, out,
                s.features(), s.rowsRead(), s.columns().size(), s.geometryType(), s.srid());
        return 0;
    }
}
