@NullMarked
package io.cryptoviz.producer.simulated;

import org.jspecify.annotations.NullMarked;
