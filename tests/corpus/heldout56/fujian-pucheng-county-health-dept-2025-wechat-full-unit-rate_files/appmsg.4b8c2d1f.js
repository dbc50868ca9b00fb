/*! appmsg */!function(){window.__appmsg_ready__=function(f){f()}}();
