@NullMarked
package io.cryptoviz.consumer.deadletter;

import org.jspecify.annotations.NullMarked;
