/**
 * The deterministic synthetic Qingdao data set behind {@code zhili generate} and the tests: areas,
 * a component registry, a year of cases, a night of muck-truck GPS and the reference layers, each with
 * its ground truth ({@link io.zhili.datasets.QingdaoGenerator} is the entry point, {@link io.zhili.datasets.Scale}
 * its sizes). The files follow docs/CONTRACTS.md ("zhili generate"), so every job reads them as it reads
 * a city's real export.
 *
 * <p>Same seed and scale give byte-identical files: every unit of work draws from its own random stream
 * ({@link io.zhili.datasets.sampling.Seeds}) and files are written in a fixed order.
 */
package io.zhili.datasets;
