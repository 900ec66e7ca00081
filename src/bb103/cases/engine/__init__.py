"""The one bridge from the case system to the rules engine (``bb103.rules``).

Only this package builds a scenario from a case's rows and calls the engine, so the engine
stays pure and a municipality's service level reaches the case system only as the engine's
answers: deadlines, whether the visitation committee must review, whether the standard
sets its own partshøring period, the days per week, the provider rules. Nothing here, or in
the services, asks which municipality a case belongs to.

Each deadline is computed under the law and standard in force on the day it starts to run
(the application's receipt for the decision deadline, and so on), so a new version of a
standard does not move the deadlines of cases already under way.

One module per subject, each name in one place:

- :mod:`.facts`: what the engine is told about a case (``CaseFacts``, the scenario JSON);
- :mod:`.evaluation`: evaluating a case, its explanations, the engine's errors in Danish;
- :mod:`.deadlines`: the deadlines the engine gives for a case;
- :mod:`.calendar`: working days, planned days and calendar months;
- :mod:`.wages`, :mod:`.transport`, :mod:`.absence`: the engine's rules on each;
- :mod:`.policy`: the policy data itself (municipalities, what is in force, letterheads);
- :mod:`.formatting`: dates, amounts and CPR numbers in the engine's Danish forms;
- :mod:`.letter_facts`: what a letter needs from the engine, as plain data.
"""
