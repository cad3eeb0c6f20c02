package io.zhili.geo.fence;

import java.util.Objects;

/**
 * One change to the truck reference data, in force for GPS reports whose event time is at or after
 * {@code effectiveAt}: a permit, site or zone added or replaced ({@link Op#UPSERT}, with the new
 * feature) or removed ({@link Op#DELETE}). Read from one JSON line by {@link ReferenceUpdateParser}.
 *
 * <p>Updates are ordered by {@link #compareTo}: effective time first, then the raw record's text, so
 * two updates of one feature at the same instant apply in the same order whatever order they arrived
 * in, and a replay of the same records builds the same versions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param layer       the layer changed
 * @param op          add/replace or remove
 * @param id          permit_id, site_id or zone_id
 * @param effectiveAt epoch milliseconds from which the change applies
 * @param feature     the new {@link Route}, {@link Site} or {@link Zone} for an UPSERT; null for a DELETE
 * @param raw         the record as received (its text decides ties)
 */
public record ReferenceUpdate(Layer layer, Op op, String id, long effectiveAt, Object feature, String raw)
        implements Comparable<ReferenceUpdate> {

    /** The three reference layers; the name in records is the lower-case one. */
    public enum Layer {
        ROUTES, SITES, ZONES
    }

    /** What an update does. */
    public enum Op {
        UPSERT, DELETE
    }

    public ReferenceUpdate {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(raw, "raw");
        if (op == Op.UPSERT) {
            Class<?> expected = switch (layer) {
                case ROUTES -> Route.class;
                case SITES -> Site.class;
                case ZONES -> Zone.class;
            };
            if (!expected.isInstance(feature)) {
                throw new IllegalArgumentException("an UPSERT of " + layer + " needs a " + expected.getSimpleName());
            }
        } else if (feature != null) {
            throw new IllegalArgumentException("a DELETE carries no feature");
        }
    }

    @Override
    public int compareTo(ReferenceUpdate o) {
        int c = Long.compare(effectiveAt, o.effectiveAt);
        return c != 0 ? c : raw.compareTo(o.raw);
    }

    /** The layer and id, e.g. {@code sites/S-1}: which feature the update changes. */
    public String featureKey() {
        return layer.name().toLowerCase(java.util.Locale.ROOT) + "/" + id;
    }
}
