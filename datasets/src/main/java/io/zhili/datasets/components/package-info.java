/**
 * Generation of the component registry: how each COMPONENT subclass is populated
 * ({@link io.zhili.datasets.components.ComponentProfile}), the registry held in primitive columns
 * ({@link io.zhili.datasets.components.ComponentRegistry}) and its writer ({@link io.zhili.datasets.components.ComponentTable}).
 * Entry point: {@link io.zhili.datasets.components.ComponentGenerator}.
 */
package io.zhili.datasets.components;
