@NullMarked
package io.cryptoviz.consumer.write;

import org.jspecify.annotations.NullMarked;
