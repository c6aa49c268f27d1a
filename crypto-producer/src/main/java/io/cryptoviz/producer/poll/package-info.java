@NullMarked
package io.cryptoviz.producer.poll;

import org.jspecify.annotations.NullMarked;
