$(function(){ $('.fontsize a').click(function(){ var s=$(this).data('s'); $('.content p').css('font-size',s+'px'); }); });
function doPrint(){ window.print(); }
