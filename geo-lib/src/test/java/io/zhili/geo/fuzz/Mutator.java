package io.zhili.geo.fuzz;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded mutations of a valid record: flipped bits, bytes replaced by a syntax character of the formats
 * (quotes, separators, brackets, frame delimiters), deleted or repeated ranges, truncation. Each mutated
 * record applies one to four of them, so most records break in one place and some in several.
 */
final class Mutator {
    private static final byte[] SPECIAL = {'"', ',', '\n', '\r', '{', '}', '[', ']', ':', '\\', '-', '.', 'e', '0', '9',
        0x7e, 0x7d, 0x01, 0x02, 0, (byte) 0xff, (byte) 0xe9, ' '};
    private final SplittableRandom random;

    Mutator(long seed) {
        random = new SplittableRandom(seed);
    }

    byte[] mutate(byte[] valid) {
        byte[] b = valid;
        int times = 1 + random.nextInt(4);
        for (int t = 0; t < times; t++) {
            if (b.length == 0) {
                return b;
            }
            int i = random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> {
                    b = b.clone();
                    b[i] ^= (byte) (1 << random.nextInt(8));
                }
                case 1 -> {
                    b = b.clone();
                    b[i] = SPECIAL[random.nextInt(SPECIAL.length)];
                }
                case 2 -> {
                    int n = 1 + random.nextInt(Math.min(8, b.length - i));
                    byte[] c = new byte[b.length - n];
                    System.arraycopy(b, 0, c, 0, i);
                    System.arraycopy(b, i + n, c, i, b.length - i - n);
                    b = c;
                }
                case 3 -> {
                    int n = 1 + random.nextInt(Math.min(12, b.length - i));
                    byte[] c = new byte[b.length + n];
                    System.arraycopy(b, 0, c, 0, i + n);
                    System.arraycopy(b, i, c, i + n, b.length - i);
                    b = c;
                }
                case 4 -> b = Arrays.copyOf(b, i);
                default -> {
                    b = b.clone();
                    b[i] = (byte) random.nextInt(256);
                }
            }
        }
        return b;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
