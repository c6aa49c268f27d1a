@NullMarked
package io.cryptoviz.consumer.listen;

import org.jspecify.annotations.NullMarked;
