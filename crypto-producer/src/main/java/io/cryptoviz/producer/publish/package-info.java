@NullMarked
package io.cryptoviz.producer.publish;

import org.jspecify.annotations.NullMarked;
