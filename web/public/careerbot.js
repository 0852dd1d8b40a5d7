// Starts the chat widget (rasa-webchat 1.0.1, served as /webchat.js) on this page.
// window.CAREERBOT_CONFIG comes from /config.js: where the Rasa server is.
(function () {
  "use strict";
  var config = window.CAREERBOT_CONFIG || {};
  window.WebChat.default(
    {
      socketUrl: config.socketUrl || "http://localhost:5005",
      socketPath: config.socketPath || "/socket.io/",
      customData: { language: "en" },
      initPayload: "/greet",
      title: "Career assistant",
      subtitle: "Data and machine-learning roles",
      inputTextFieldHint: "Ask about a role…",
      params: { storage: "session" },
      withRules: false,
      showFullScreenButton: true,
    },
    null
  );

  // A chart's caption is the sentence saying what it shows (the image attachment's title):
  // the widget draws <img> without alt text, so give each chart its caption as alt.
  function describeCharts(root) {
    var images = root.querySelectorAll ? root.querySelectorAll("img.rw-image-frame") : [];
    Array.prototype.forEach.call(images, function (image) {
      if (image.getAttribute("alt")) {
        return;
      }
      var frame = image.closest(".image");
      var caption = frame && frame.querySelector(".rw-image-title");
      image.setAttribute("alt", caption ? caption.textContent : "Chart");
    });
  }
  new MutationObserver(function () {
    describeCharts(document);
  }).observe(document.body, { childList: true, subtree: true });
})();
