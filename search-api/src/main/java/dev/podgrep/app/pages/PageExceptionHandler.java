package dev.podgrep.app.pages;

import dev.podgrep.app.web.BadRequestException;
import dev.podgrep.app.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Errors of the pages as pages (the API's errors stay problem+json): what went wrong in the reader's language, the
 * detail, and a way back to the search. Ordered before the API's advice, and only for the page controllers.
 */
@ControllerAdvice(assignableTypes = {SearchPageController.class, MomentPageController.class, OpsPageController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    private final PageChrome chrome;
    private final PageText text;

    PageExceptionHandler(PageChrome chrome, PageText text) {
        this.chrome = chrome;
        this.text = text;
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e, HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, "error.not-found", e.getMessage(), request);
    }

    @ExceptionHandler(BadRequestException.class)
    ModelAndView badRequest(BadRequestException e, HttpServletRequest request) {
        return page(HttpStatus.BAD_REQUEST, "error.bad-request", e.getMessage(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        Locale locale = RequestContextUtils.getLocale(request);
        return page(HttpStatus.BAD_REQUEST, "error.bad-request",
                text.format("error.bad-parameter", locale, e.getName(), String.valueOf(e.getValue())), request);
    }

    @ExceptionHandler(UncheckedIOException.class)
    ModelAndView unavailable(UncheckedIOException e, HttpServletRequest request) {
        log.error("Elasticsearch did not answer a page", e);
        return page(HttpStatus.SERVICE_UNAVAILABLE, "error.unavailable", null, request);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error rendering a page", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "error.internal", null, request);
    }

    private ModelAndView page(HttpStatus status, String titleKey, String detail, HttpServletRequest request) {
        Locale locale = RequestContextUtils.getLocale(request);
        ModelAndView page = new ModelAndView("page-error", status);
        page.addAllObjects(chrome.attributes(request, locale));
        page.addObject("status", status.value());
        page.addObject("title", text.get(titleKey, locale));
        page.addObject("detail", detail);
        return page;
    }
}
