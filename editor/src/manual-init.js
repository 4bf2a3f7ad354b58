window.CMS_MANUAL_INIT = true; // setup.js starts Decap after registering our formats
