package dev.podgrep.app.pages;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.Locale;

/** Puts {@link PageChrome}'s attributes into the model of every page. */
@ControllerAdvice(assignableTypes = {SearchPageController.class, MomentPageController.class, OpsPageController.class})
class PageModelAdvice {

    private final PageChrome chrome;

    PageModelAdvice(PageChrome chrome) {
        this.chrome = chrome;
    }

    @ModelAttribute
    void chrome(HttpServletRequest request, Locale locale, Model model) {
        model.addAllAttributes(chrome.attributes(request, locale));
    }
}
