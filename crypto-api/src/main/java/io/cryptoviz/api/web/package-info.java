/**
 * Web settings of the API: CORS for other origins, and the OpenAPI description.
 */
@NullMarked
package io.cryptoviz.api.web;

import org.jspecify.annotations.NullMarked;
