/**
 * The {@code zhili} command line (picocli): one class per command ({@code generate}, {@code hotspots},
 * {@code trucks}, {@code tiles}, {@code serve}, {@code demo}) under {@link io.zhili.cli.ZhiliCommand}, and the
 * cluster entry point {@link io.zhili.cli.ZhiliApplication}. Commands only parse and check arguments and
 * hand over to the jobs; flags, defaults and exit codes are the contract in docs/CONTRACTS.md
 * ("Command line").
 */
package io.zhili.cli;
