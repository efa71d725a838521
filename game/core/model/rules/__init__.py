"""The rules of the model, one module each, called by the engine in this order every turn
(docs/MODEL.md §3):

1. events            draw the turn's card and apply its effects               (§7.1)
2. choice            every actor picks a move; action noise may flip it       (§7.2)
   challenge         an AI actor challenges over a stake when its type's
                     motive fires                                             (§7.9)
3. actions           the moves' material effects                              (§7.3)
4. perception        every observer reads every move and updates its trust    (§7.4)
5. resolve_image     tough moves raise the resolve image, meek ones lower it  (§7.5)
6. arms              Richardson's arms dynamics, weighted by distrust         (§7.6)
7. tension_dynamics  pair tension moves toward its target; regional tension   (§7.7, §7.8)
8. crises            the stances resolve each open crisis; challenges open
                     new ones                                                 (§7.9, §7.10)
   war               the odds of war, its sides and fortunes, its costs       (§7.9, §7.10, §7.11)
9. economy           prosperity grows with ties and falls with tension        (§7.11)
10. scores           the 2x2 payoff and security of the turn                  (§7.12)
11. endings          war, cold-war lock-in, security community, turn limit    (§7.13)

Each rule is a function of arrays with a leading games axis (B games at once); its docstring
gives its equation in the words of docs/MODEL.md. The rules know nothing of the window.
"""
