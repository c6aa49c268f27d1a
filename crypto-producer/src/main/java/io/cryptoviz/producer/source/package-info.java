@NullMarked
package io.cryptoviz.producer.source;

import org.jspecify.annotations.NullMarked;
