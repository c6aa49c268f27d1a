@NullMarked
package io.cryptoviz.producer.coingecko;

import org.jspecify.annotations.NullMarked;
