/**
 * The JT/T 808 subset Zhili reads: 2013 and 2019 frames carrying a 0x0200 location report with the
 * muck-truck items for load and lid ({@link io.zhili.geo.jt808.Jt808Protocol}), decoded without exceptions
 * ({@link io.zhili.geo.jt808.Jt808Decoder}), encoded for tests and the generator ({@link io.zhili.geo.jt808.Jt808Encoder}),
 * and the terminal-phone-to-plate registry ({@link io.zhili.geo.jt808.TerminalRegistry}). The subset is
 * specified in docs/CONTRACTS.md ("JT/T 808 subset"). Decoders reuse buffers: one per thread.
 */
package io.zhili.geo.jt808;
