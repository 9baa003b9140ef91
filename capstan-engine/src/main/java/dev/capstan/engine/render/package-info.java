/**
 * Rendering: from an application's source, read through a {@link dev.capstan.engine.render.SourceTree},
 * to the ordered {@link dev.capstan.engine.Manifest}s it desires, each with the file and line it
 * came from. A {@link dev.capstan.engine.render.Renderer} per tool, each taking its own
 * {@link dev.capstan.engine.render.RenderOptions}; failures are
 * {@link dev.capstan.engine.render.RenderException}s with a reason.
 */
package dev.capstan.engine.render;
