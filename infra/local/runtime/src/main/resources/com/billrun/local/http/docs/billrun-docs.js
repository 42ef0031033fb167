// The docs page of ./billrun serve (com.billrun.local.http.ApiDocs): Swagger UI over /openapi.yaml, with
// "Try it out" sent to this server (its own origin) and no call to any other host (no online validator).
window.addEventListener('load', function () {
  var serversSet = false;
  window.ui = SwaggerUIBundle({
    url: '/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: true,
    onComplete: function () {
      if (serversSet) return;
      serversSet = true;
      var spec = window.ui.specSelectors.specJson().toJS();
      spec.servers = [{ url: window.location.origin, description: 'this ./billrun serve' }].concat(spec.servers || []);
      window.ui.specActions.updateJsonSpec(spec);
    }
  });
});
