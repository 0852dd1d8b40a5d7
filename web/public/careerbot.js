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
})();
